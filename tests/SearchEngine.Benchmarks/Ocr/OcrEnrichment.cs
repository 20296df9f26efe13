using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SearchEngine.Benchmarks.Query;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Ingestion.Enrichment;
using SearchEngine.Storage.Collections;

namespace SearchEngine.Benchmarks.Ocr;

/// <summary>
/// ocr-enrich: runs the enrichment pass that reads text in pictures (<see cref="PictureTextPass"/>, as
/// <c>indexer enrich</c> and the query API's background worker run it) over one indexed collection with
/// <c>--workers</c> pictures at a time, and writes how long it took as JSON to <c>--output</c>. The text tower is
/// loaded before the clock starts (the pass loads it at its first text), so a collection without text is not charged
/// for it. CPU time counts this process and the Tesseract processes it ran (reaped children, from /proc/self/stat).
/// </summary>
internal static class OcrEnrichment
{
    public static async Task<int> RunAsync(string[] args)
    {
        var name = Arguments.Value(args, "--collection", null) ?? throw new ArgumentException("--collection NAME is required.");
        var output = Arguments.Value(args, "--output", null) ?? throw new ArgumentException("--output FILE is required.");
        var workers = Arguments.Int(args, "--workers", 2);
        await using var services = await BenchServices.StartAsync(BenchServices.ConnectionString(args), configure: s =>
        {
            s.AddSearchEngineIngestion();
            s.AddSearchEngineOcr(o => o.Workers = workers);
        });
        var collection = await services.GetRequiredService<CollectionStore>().GetByNameAsync(name)
            ?? throw new InvalidOperationException($"There is no collection named '{name}'.");
        var pass = services.GetRequiredService<PictureTextPass>();
        if (await pass.ProblemAsync() is { } problem)
        {
            Console.Error.WriteLine($"[ocr] the text in pictures cannot be read here: {problem}");
            return 1;
        }

        services.GetRequiredService<ModelPackRegistry>().Get(collection.PackId).RequireText().Embed(["warm up"]);

        var load = LoadAverage();
        var cpu = CpuSeconds();
        var clock = Stopwatch.StartNew();
        var finished = await pass.RunAsync(collection);
        var seconds = clock.Elapsed.TotalSeconds;
        var cpuSeconds = CpuSeconds() - cpu;
        var progress = await pass.ProgressAsync(collection);
        if (progress.ToDo > 0)
        {
            throw new InvalidOperationException($"The pass stopped with {progress.ToDo} pictures of {name} still to read.");
        }

        await File.WriteAllTextAsync(output, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["collection"] = name,
            ["workers"] = workers,
            ["pictures"] = finished,
            ["seconds"] = Math.Round(seconds, 3),
            ["pictures_per_s"] = Math.Round(finished / seconds, 2),
            ["cpu_s_per_picture"] = Math.Round(cpuSeconds / Math.Max(1, finished), 4),
            ["with_text"] = progress.WithText,
            ["failed"] = progress.Failed,
            ["load_before"] = load,
            ["load_after"] = LoadAverage(),
        }));
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[ocr] {name}: read {finished} pictures in {seconds:0.0} s ({finished / seconds:0.0}/s, {cpuSeconds / Math.Max(1, finished) * 1000:0} ms CPU each) with {workers} workers; {progress.WithText} with text, {progress.Failed} failed; load {load}"));
        return 0;
    }

    /// <summary>The 1-minute load average (another build on the same cores shows here).</summary>
    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    /// <summary>User + system CPU of this process and of its waited-for children (Tesseract), in seconds.</summary>
    private static double CpuSeconds()
    {
        // /proc/self/stat: fields 14-17 are utime, stime, cutime, cstime in clock ticks; the command name (field 2) may
        // hold spaces, so count from the closing parenthesis.
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = fields[11..15].Sum(f => long.Parse(f, CultureInfo.InvariantCulture));
        return ticks / 100.0; // USER_HZ is 100 on Linux
    }
}
