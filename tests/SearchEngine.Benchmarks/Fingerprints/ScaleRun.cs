using System.Diagnostics;
using SearchEngine.Fingerprints;
using SearchEngine.Testing;

namespace SearchEngine.Benchmarks.Fingerprints;

/// <summary>Query latency (wall clock and the thread's CPU time) and memory at one indexed size of the scale run.</summary>
internal sealed record ScalePoint(double Hours, long Postings, long ManagedBytes, double P50Ms, double P99Ms, double P50CpuMs, double P99CpuMs, double Top1, int Queries);

/// <summary>What the scale run measured, how concentrated its hashes were, and why it stopped where it did.</summary>
internal sealed record ScaleResult(IReadOnlyList<ScalePoint> Points, (double Real, double Synthetic) HashConcentration, string Stop);

/// <summary>
/// Grows one index (the real corpus plus <see cref="SyntheticFingerprints"/>) through the checkpoints and times
/// <see cref="FingerprintIndex.Match(IReadOnlyList{Fingerprint}, int)"/> on one thread with real query fingerprints at
/// each. Stops early when the managed heap passes the memory budget (the machine is shared) or the time budget is
/// spent, and measures at the size it reached instead.
/// </summary>
internal static class ScaleRun
{
    private const int MinTimedQueries = 40;
    private static readonly TimeSpan TimingBudget = TimeSpan.FromSeconds(150);

    public static ScaleResult Measure(
        IReadOnlyList<(long Id, Fingerprint Fingerprint)> corpus,
        IReadOnlyList<(IReadOnlyList<Fingerprint> Query, long? Truth)> queries,
        IReadOnlyList<double> checkpointHours,
        long memoryBudgetBytes,
        TimeSpan timeBudget)
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
        var stop = "reached the last checkpoint";
        foreach (var target in checkpointHours)
        {
            var stopped = false;
            while (hours < target)
            {
                var fingerprint = synthetic.Next();
                index.Add(nextId++, fingerprint);
                hours += fingerprint.DurationSeconds / 3600;
                postings += fingerprint.Landmarks.Length;
                if (nextId % 64 != 0)
                {
                    continue;
                }

                if (GC.GetTotalMemory(false) > memoryBudgetBytes && GC.GetTotalMemory(true) > memoryBudgetBytes)
                {
                    stop = $"stopped at {hours:F0} h: the {memoryBudgetBytes / 1e9:F1} GB memory budget";
                    stopped = true;
                    break;
                }

                if (watch.Elapsed > timeBudget)
                {
                    stop = $"stopped at {hours:F0} h: the {timeBudget.TotalMinutes:F0}-minute time budget for building";
                    stopped = true;
                    break;
                }
            }

            var managed = GC.GetTotalMemory(true);
            Console.Error.WriteLine($"[fingerprint] scale: {hours:F0} h indexed ({postings:N0} postings, {managed / 1e9:F2} GB managed) after {watch.Elapsed.TotalSeconds:F0} s");
            points.Add(Time(index, queries, hours, postings, managed));
            if (stopped)
            {
                Console.Error.WriteLine($"[fingerprint] scale: {stop}");
                break;
            }
        }

        return new ScaleResult(points, synthetic.Concentration, stop);
    }

    private static ScalePoint Time(FingerprintIndex index, IReadOnlyList<(IReadOnlyList<Fingerprint> Query, long? Truth)> queries, double hours, long postings, long managed)
    {
        foreach (var (query, _) in queries.Take(20))
        {
            index.Match(query, 5);
        }

        var wall = new List<double>(queries.Count);
        var cpu = new List<double>(queries.Count);
        var correct = 0;
        var positives = 0;
        var watch = Stopwatch.StartNew();
        foreach (var (query, truth) in queries)
        {
            // Slow matching at a large size would otherwise take the whole run: percentiles then rest on fewer queries.
            if (wall.Count >= MinTimedQueries && watch.Elapsed > TimingBudget)
            {
                break;
            }

            var cpuStart = ThreadCpuClock.NowMilliseconds();
            var start = Stopwatch.GetTimestamp();
            var matches = index.Match(query, 5);
            wall.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            cpu.Add(ThreadCpuClock.NowMilliseconds() - cpuStart);
            if (truth is { } id)
            {
                positives++;
                correct += matches.Count > 0 && matches[0].DocumentId == id ? 1 : 0;
            }
        }

        return new ScalePoint(hours, postings, managed, Percentile.Of(wall, 50), Percentile.Of(wall, 99),
            Percentile.Of(cpu, 50), Percentile.Of(cpu, 99), positives == 0 ? double.NaN : correct / (double)positives, wall.Count);
    }
}
