using Microsoft.Extensions.Logging;
using SearchEngine.Ingestion.Pipeline;
using Spectre.Console;

namespace SearchEngine.Indexer.Console;

/// <summary>
/// Shows a running job: a live progress bar (files/s, ETA, errors) on a terminal, or a plain log line every few
/// seconds when output goes to a file or a pipe.
/// </summary>
internal static class ProgressDisplay
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(10);

    /// <summary>Whether stdout is a terminal that can redraw a progress bar.</summary>
    public static bool IsInteractive => !System.Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public static Task<IndexingSummary> RunAsync(IndexingProgress progress, bool interactive, ILogger logger, Func<Task<IndexingSummary>> job) =>
        interactive ? RunWithBarAsync(progress, job) : RunWithLogLinesAsync(progress, logger, job);

    private static async Task<IndexingSummary> RunWithBarAsync(IndexingProgress progress, Func<Task<IndexingSummary>> job)
    {
        return await AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask("indexing", maxValue: 1);
                var running = job();
                while (!running.IsCompleted)
                {
                    Update(bar, progress);
                    await Task.WhenAny(running, Task.Delay(250));
                }

                Update(bar, progress);
                bar.StopTask();
                return await running;
            });
    }

    private static void Update(ProgressTask bar, IndexingProgress progress)
    {
        // Until discovery ends the total is unknown; the bar then measures against what has been found so far.
        bar.MaxValue = Math.Max(1, progress.Discovered);
        bar.Value = progress.Done;
        var rate = progress.Elapsed.TotalSeconds > 0 ? progress.Done / progress.Elapsed.TotalSeconds : 0;
        var total = progress.DiscoveryComplete ? progress.Discovered.ToString("N0") : $"{progress.Discovered:N0}+";
        bar.Description = $"{progress.Done:N0}/{total} files · {rate:F1} files/s · {progress.Indexed:N0} indexed · {progress.Skipped:N0} skipped · [red]{progress.Failed:N0} errors[/]";
    }

    private static async Task<IndexingSummary> RunWithLogLinesAsync(IndexingProgress progress, ILogger logger, Func<Task<IndexingSummary>> job)
    {
        var running = job();
        while (await Task.WhenAny(running, Task.Delay(PlainInterval)) != running)
        {
            var elapsed = progress.Elapsed.TotalSeconds;
            var rate = elapsed > 0 ? progress.Done / elapsed : 0;
            var remaining = progress.Discovered - progress.Done;
            var eta = progress.DiscoveryComplete && rate > 0 ? TimeSpan.FromSeconds(remaining / rate).ToString(@"hh\:mm\:ss") : "unknown";
            logger.LogInformation("Progress: {Done}/{Total} files, {Rate:F1} files/s, ETA {Eta}; {Indexed} indexed, {Skipped} skipped, {Failed} errors",
                progress.Done, progress.DiscoveryComplete ? progress.Discovered.ToString() : $"{progress.Discovered}+", rate, eta,
                progress.Indexed, progress.Skipped, progress.Failed);
        }

        return await running;
    }
}
