using System.Globalization;
using System.Text.Json;

namespace SearchEngine.Benchmarks.Fingerprints;

/// <summary>The benchmark's readable tables, the goals beside the figures, and the one JSON line that ends the output.</summary>
internal sealed class FingerprintReport(
    FingerprintCorpus corpus,
    CorpusExtraction extraction,
    IReadOnlyList<ConditionResult> results,
    long indexManagedBytes,
    long indexWrittenBytes,
    IReadOnlyList<double> queryExtractMs,
    IReadOnlyList<double> matchMs,
    IReadOnlyList<ScalePoint> scale,
    bool quick,
    string load,
    TimeSpan elapsed)
{
    private const double TargetHours = 10_000;

    private double Hours => extraction.AudioSeconds / 3600;

    public void Print()
    {
        var positives = results.Where(r => !r.Condition.Name.StartsWith("negative", StringComparison.Ordinal)).ToList();
        var negatives = results.Except(positives).ToList();
        var negativeQueries = negatives.Sum(r => r.Queries);
        var falsePositiveRate = negatives.Sum(r => r.Answered) / (double)Math.Max(1, negativeQueries);
        var storedPerHour = extraction.StoredBytes / Hours;
        var memoryPerHour = indexManagedBytes / Hours;
        var writtenPerHour = indexWrittenBytes / Hours;
        var at100 = scale.FirstOrDefault(p => p.Hours >= 100) ?? scale[^1];
        var (p50At10k, p99At10k, method) = AtTargetSize();

        Console.WriteLine($"Fingerprint benchmark (issue 14){(quick ? ", quick" : "")}: {Hours:F2} h indexed in {extraction.Fingerprints.Count} recordings " +
            $"({Sources(true)}); held out {Sources(false)}; {results.Sum(r => r.Queries)} query clips; {Environment.ProcessorCount} cores, load {load}; corpus {corpus.Folder}");
        Console.WriteLine();
        Console.WriteLine("| condition | what happens to the clip | queries | top-1 | time error median s | p95 s | goal |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---|");
        foreach (var r in positives)
        {
            Console.WriteLine($"| {r.Condition.Name} | {r.Condition.Description} | {r.Queries} | {Percent(r.Top1)} | {Seconds(r.MedianTimeError)} | {Seconds(r.P95TimeError)} | {Verdict(r)} |");
        }

        Console.WriteLine();
        Console.WriteLine("| negatives (clips of held-out recordings) | queries | any match returned |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var r in negatives)
        {
            Console.WriteLine($"| {r.Condition.Name} | {r.Queries} | {r.Answered} |");
        }

        Console.WriteLine($"| all negatives | {negativeQueries} | {Percent(falsePositiveRate)} false positives (goal ≤ 0.5 %: {Met(falsePositiveRate <= 0.005)}) |");
        Console.WriteLine();
        Console.WriteLine("| index and speed | value | goal |");
        Console.WriteLine("|---|---:|---|");
        Console.WriteLine($"| landmarks per second of audio | {extraction.Landmarks / extraction.AudioSeconds:F1} | |");
        Console.WriteLine($"| stored fingerprints (ToBytes) per hour | {storedPerHour / 1e6:F2} MB | ≤ 2 MB: {Met(storedPerHour <= 2e6)} |");
        Console.WriteLine($"| in-memory index (managed heap growth) per hour | {memoryPerHour / 1e6:F2} MB | ≤ 2 MB: {Met(memoryPerHour <= 2e6)} |");
        Console.WriteLine($"| index file (WriteTo) per hour | {writtenPerHour / 1e6:F2} MB | |");
        Console.WriteLine($"| extraction, one thread, from {16} kHz floats | {extraction.TimesRealTimeCpu:F0}× real time (CPU time; {extraction.TimesRealTimeWall:F0}× by wall clock) | ≥ 300×: {Met(extraction.TimesRealTimeCpu >= 300)} |");
        Console.WriteLine($"| query clip extraction p50 / p99 | {Latency.Percentile(queryExtractMs, 50):F2} / {Latency.Percentile(queryExtractMs, 99):F2} ms | |");
        Console.WriteLine($"| match p50 / p99 on the corpus ({Hours:F1} h) | {Latency.Percentile(matchMs, 50):F3} / {Latency.Percentile(matchMs, 99):F3} ms | |");
        Console.WriteLine();
        Console.WriteLine("Scale: the real corpus plus synthetic documents (frame patterns of real recordings, hashes drawn from the pooled real hashes; see docs/fingerprint-benchmark.md), one thread, real query fingerprints (positives and negatives).");
        Console.WriteLine();
        Console.WriteLine("| indexed hours | postings | managed heap GB | match p50 ms | p99 ms | top-1 of the positives | queries |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in scale)
        {
            Console.WriteLine($"| {p.Hours:F0} | {p.Postings:N0} | {p.ManagedBytes / 1e9:F2} | {p.P50Ms:F3} | {p.P99Ms:F3} | {Percent(p.Top1)} | {p.Queries} |");
        }

        Console.WriteLine($"| {TargetHours:F0} | | | {p50At10k:F3} | {p99At10k:F3} | | {method} |");
        Console.WriteLine();
        Console.WriteLine($"Goal: query p99 at 10,000 h ≤ 50 ms: {Met(p99At10k <= 50)} ({method}). Run took {elapsed.TotalSeconds:F0} s.");

        var figures = new Dictionary<string, object?>
        {
            ["benchmark"] = "fingerprint",
            ["quick"] = quick,
            ["corpus_hours"] = Round(Hours, 3),
            ["held_out_hours"] = Round(corpus.HeldOut.Sum(r => r.Seconds) / 3600, 3),
            ["recordings"] = extraction.Fingerprints.Count,
            ["queries"] = positives.Sum(r => r.Queries),
            ["negative_queries"] = negativeQueries,
            ["conditions"] = positives.ToDictionary(r => r.Condition.Name, r => new Dictionary<string, object?>
            {
                ["top1"] = Round(r.Top1, 4),
                ["time_error_s"] = Round(r.MedianTimeError, 4),
                ["time_error_p95_s"] = Round(r.P95TimeError, 4),
                ["queries"] = r.Queries,
            }),
            ["false_positive_rate"] = Round(falsePositiveRate, 5),
            ["extract_x_realtime"] = Round(extraction.TimesRealTimeCpu, 1),
            ["extract_x_realtime_wall"] = Round(extraction.TimesRealTimeWall, 1),
            ["landmarks_per_second"] = Round(extraction.Landmarks / extraction.AudioSeconds, 2),
            ["bytes_per_hour"] = Math.Round(storedPerHour),
            ["index_memory_bytes_per_hour"] = Math.Round(memoryPerHour),
            ["index_file_bytes_per_hour"] = Math.Round(writtenPerHour),
            ["query_extract_ms_p50"] = Round(Latency.Percentile(queryExtractMs, 50), 3),
            ["query_p50_ms_corpus"] = Round(Latency.Percentile(matchMs, 50), 4),
            ["query_p99_ms_corpus"] = Round(Latency.Percentile(matchMs, 99), 4),
            ["query_p50_ms_100h"] = Round(at100.P50Ms, 4),
            ["query_p99_ms_100h"] = Round(at100.P99Ms, 4),
            ["query_p50_ms_10000h"] = Round(p50At10k, 4),
            ["query_p99_ms_10000h"] = Round(p99At10k, 4),
            ["query_10000h_method"] = method,
            ["scale"] = scale.Select(p => new { hours = Math.Round(p.Hours), postings = p.Postings, managed_bytes = p.ManagedBytes, p50_ms = Round(p.P50Ms, 4), p99_ms = Round(p.P99Ms, 4), top1 = Round(p.Top1, 4) }),
            ["load"] = load,
            ["seconds"] = Math.Round(elapsed.TotalSeconds),
        };
        Console.WriteLine(JsonSerializer.Serialize(figures));
    }

    /// <summary>
    /// Measured when the scale run reached 10,000 h; otherwise extrapolated linearly in indexed hours from its last two
    /// points (matching cost is a sum of posting-list lengths, which grow in proportion to the index), and labelled so.
    /// </summary>
    private (double P50, double P99, string Method) AtTargetSize()
    {
        var last = scale[^1];
        if (last.Hours >= TargetHours * 0.99)
        {
            return (last.P50Ms, last.P99Ms, "measured");
        }

        if (scale.Count == 1)
        {
            var factor = TargetHours / last.Hours;
            return (last.P50Ms * factor, last.P99Ms * factor, $"extrapolated ×{factor:F0} from {last.Hours:F0} h");
        }

        var previous = scale[^2];
        double Line(double a, double b) => b + (b - a) / (last.Hours - previous.Hours) * (TargetHours - last.Hours);
        return (Line(previous.P50Ms, last.P50Ms), Line(previous.P99Ms, last.P99Ms),
            $"extrapolated linearly from {previous.Hours:F0} h and {last.Hours:F0} h (the largest that fit the memory budget or the run's size)");
    }

    private string Sources(bool indexed) => string.Join(", ", corpus.Recordings.Where(r => r.Indexed == indexed).GroupBy(r => r.Source)
        .Select(g => $"{g.Key} {g.Sum(r => r.Seconds) / 3600:F2} h{(indexed ? " " + Path.GetExtension(g.First().DocumentPath) : "")}"));

    private static string Verdict(ConditionResult r) => r.Condition.Goal is null
        ? ""
        : r.Condition.Name switch
        {
            "3s_10db_reencoded" => $"{r.Condition.Goal}: {Met(r.Top1 >= 0.98 && r.MedianTimeError <= 0.1)}",
            "5s_0db" => $"{r.Condition.Goal}: {Met(r.Top1 >= 0.90)}",
            "5s_speed2" => $"{r.Condition.Goal}: {Met(r.Top1 >= 0.80)}",
            _ => r.Condition.Goal,
        };

    private static string Met(bool met) => met ? "met" : "MISSED";

    private static string Percent(double value) => double.IsNaN(value) ? "-" : (value * 100).ToString("F1", CultureInfo.InvariantCulture) + " %";

    private static string Seconds(double value) => double.IsNaN(value) ? "-" : value.ToString("F3", CultureInfo.InvariantCulture);

    private static double? Round(double value, int digits) => double.IsNaN(value) || double.IsInfinity(value) ? null : Math.Round(value, digits);
}
