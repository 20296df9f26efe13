using System.Globalization;
using SearchEngine.Ingestion.Pipeline;
using Spectre.Console;

namespace SearchEngine.Indexer.Console;

/// <summary>Prints a job's final summary on stdout: counts, throughput, time per stage, and every failed file with its reason.</summary>
internal static class SummaryPrinter
{
    public static void Print(IndexingSummary summary, bool interactive)
    {
        var lines = Lines(summary);
        if (interactive)
        {
            foreach (var line in lines)
            {
                AnsiConsole.MarkupLine(Markup.Escape(line));
            }

            return;
        }

        foreach (var line in lines)
        {
            System.Console.WriteLine(line);
        }
    }

    public static List<string> Lines(IndexingSummary summary)
    {
        var verb = summary.DryRun ? "would index" : "indexed";
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"{(summary.DryRun ? "Dry run" : summary.Outcome == IndexingOutcome.Cancelled ? "Stopped" : "Done")}: collection '{summary.Collection}': " +
                $"{summary.Seen} files seen, {summary.Indexed} {verb}, {summary.Skipped} skipped (unchanged), {summary.Failures.Count(f => f.Stage != FailureStage.Sidecar)} failed, " +
                $"{summary.Deleted} {(summary.DryRun ? "would be deleted" : "deleted")}; {summary.Segments} segments"),
            string.Create(CultureInfo.InvariantCulture,
                $"Throughput: {summary.IndexedPerSecond:F1} documents/s indexed, {summary.FilesPerSecond:F1} files/s overall, {summary.Elapsed.TotalSeconds:F1} s"),
        };
        if (summary.StageSeconds.Count > 0)
        {
            lines.Add("Time per stage (summed over workers): " + string.Join(", ",
                summary.StageSeconds.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:F1} s"))));
        }

        if (summary.Outcome == IndexingOutcome.Cancelled)
        {
            lines.Add("Run the same command again to finish the remaining files; committed documents are kept.");
        }

        if (summary.Failures.Count > 0)
        {
            lines.Add($"Failed ({summary.Failures.Count}):");
            lines.AddRange(summary.Failures.Select(f => $"  {f.Path} [{f.Stage}]: {f.Reason}"));
        }

        return lines;
    }
}
