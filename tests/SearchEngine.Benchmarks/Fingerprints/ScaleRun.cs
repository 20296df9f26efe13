using System.Diagnostics;
using SearchEngine.Fingerprints;

namespace SearchEngine.Benchmarks.Fingerprints;

/// <summary>Query latency and memory at one indexed size of the scale run.</summary>
internal sealed record ScalePoint(double Hours, long Postings, long ManagedBytes, double P50Ms, double P99Ms, double Top1, int Queries);

/// <summary>
/// Grows one index (the real corpus plus <see cref="SyntheticFingerprints"/>) through the checkpoints and times
/// <see cref="FingerprintIndex.Match"/> on one thread with real query fingerprints at each. Stops early when the managed
/// heap passes the memory budget (the machine is shared), and reports the size it reached instead.
/// </summary>
internal static class ScaleRun
{
    public static List<ScalePoint> Measure(
        IReadOnlyList<(long Id, Fingerprint Fingerprint)> corpus,
        IReadOnlyList<(IReadOnlyList<Fingerprint> Query, long? Truth)> queries,
        IReadOnlyList<double> checkpointHours,
        long memoryBudgetBytes)
    {
        var index = new FingerprintIndex();
        var hours = 0.0;
        long postings = 0;
        foreach (var (id, fingerprint) in corpus)
        {
            index.Add(id, fingerprint);
            hours += fingerprint.DurationSeconds / 3600;
            postings += fingerprint.Landmarks.Length;
        }

        var synthetic = new SyntheticFingerprints(corpus.Select(c => c.Fingerprint).ToList(), seed: 10_000);
        var points = new List<ScalePoint>();
        var nextId = 1_000_000_000L;
        var watch = Stopwatch.StartNew();
        var overBudget = false;
        foreach (var target in checkpointHours)
        {
            while (hours < target && !overBudget)
            {
                var fingerprint = synthetic.Next();
                index.Add(nextId++, fingerprint);
                hours += fingerprint.DurationSeconds / 3600;
                postings += fingerprint.Landmarks.Length;
                if (nextId % 256 == 0 && GC.GetTotalMemory(false) > memoryBudgetBytes)
                {
                    overBudget = GC.GetTotalMemory(true) > memoryBudgetBytes;
                }
            }

            var managed = GC.GetTotalMemory(true);
            Console.Error.WriteLine($"[fingerprint] scale: {hours:F0} h indexed ({postings:N0} postings, {managed / 1e9:F2} GB managed) after {watch.Elapsed.TotalSeconds:F0} s");
            points.Add(Time(index, queries, hours, postings, managed));
            if (overBudget)
            {
                Console.Error.WriteLine($"[fingerprint] scale: stopped at {hours:F0} h, the {memoryBudgetBytes / 1e9:F1} GB memory budget");
                break;
            }
        }

        return points;
    }

    private static ScalePoint Time(FingerprintIndex index, IReadOnlyList<(IReadOnlyList<Fingerprint> Query, long? Truth)> queries, double hours, long postings, long managed)
    {
        foreach (var (query, _) in queries.Take(20))
        {
            index.Match(query, 5);
        }

        var times = new List<double>(queries.Count);
        var correct = 0;
        var positives = 0;
        foreach (var (query, truth) in queries)
        {
            var start = Stopwatch.GetTimestamp();
            var matches = index.Match(query, 5);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (truth is { } id)
            {
                positives++;
                correct += matches.Count > 0 && matches[0].DocumentId == id ? 1 : 0;
            }
        }

        return new ScalePoint(hours, postings, managed, Latency.Percentile(times, 50), Latency.Percentile(times, 99),
            positives == 0 ? double.NaN : correct / (double)positives, queries.Count);
    }
}
