using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using SearchEngine.Benchmarks.Query;
using SearchEngine.Fingerprints;
using SearchEngine.Testing;

namespace SearchEngine.Benchmarks.Fingerprints;

/// <summary>
/// deploy/bench.sh fingerprint (issue 14): does a sound clip find the exact recording, and the second, it comes from?
/// Indexes the corpus of <see cref="FingerprintCorpus"/>, asks the <see cref="QueryCondition"/> clips, and reports top-1
/// source accuracy and time error per condition, false positives on held-out clips, index size per hour, extraction
/// speed on one core, and query latency at 100 h and 10,000 h (<see cref="ScaleRun"/>). See docs/fingerprint-benchmark.md.
/// Arguments: [--quick] [--queries N per condition] [--memory-gb GB] [--scale-minutes M] (scale-run budgets) [--cache DIR].
/// </summary>
internal static class FingerprintBenchmark
{
    /// <summary>Recordings are decoded at this rate for indexing, as an indexer would before extraction.</summary>
    private const int DecodeRate = 16000;

    public static Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var perCondition = Arguments.Int(args, "--queries", quick ? 12 : 100);
        var memoryBudget = (long)(double.Parse(Arguments.Value(args, "--memory-gb", "8")!, CultureInfo.InvariantCulture) * 1e9);
        var cacheRoot = Arguments.Value(args, "--cache", null) ?? Path.Combine(
            Environment.GetEnvironmentVariable("SEARCHENGINE_CACHE") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "searchengine"),
            "fpcorpus");
        var total = Stopwatch.StartNew();
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];

        var corpus = FingerprintCorpus.Open(cacheRoot, quick ? CorpusSize.Quick : CorpusSize.Full);
        // The conditions with a goal get three times the queries: their figures are the ones decisions rest on.
        var plan = QueryCondition.All.Select(c => (c, c.Goal is null ? perCondition : perCondition * 3))
            .Concat(QueryCondition.Negatives.Select(c => (c, Math.Max(perCondition / 2, 5)))).ToList();
        var clips = QuerySet.Prepare(corpus, plan, perCondition.ToString(CultureInfo.InvariantCulture));

        var extractor = new FingerprintExtractor(Options.Create(new FingerprintOptions()));
        var extraction = CorpusExtraction.Run(corpus, extractor, DecodeRate);
        var before = GC.GetTotalMemory(true);
        var index = new FingerprintIndex();
        foreach (var (id, fingerprint) in extraction.Fingerprints)
        {
            index.Add(id, fingerprint);
        }

        var indexManagedBytes = GC.GetTotalMemory(true) - before;
        var written = new ByteCountingStream();
        index.WriteTo(written);

        var conditions = plan.Select(p => p.Item1).ToDictionary(c => c.Name, c => new ConditionResult(c), StringComparer.Ordinal);
        var queryExtractMs = new List<double>();
        var matchMs = new List<double>();
        var matchCpuMs = new List<double>();
        var recordings = corpus.Recordings.ToDictionary(r => (long)r.Id);
        var falsePositives = new List<FalsePositive>();
        var scaleQueries = new List<(IReadOnlyList<Fingerprint>, long?)>();
        var scaleStride = Math.Max(1, clips.Count / (quick ? 150 : 300));
        foreach (var (clip, number) in clips.Select((c, i) => (c, i)))
        {
            var (samples, rate) = MonoWave.Read(clip.Path);
            var start = Stopwatch.GetTimestamp();
            // The service's query path: the clip as it is and read at the speed search's speeds, matched together.
            var query = extractor.ExtractQuery(samples, rate);
            queryExtractMs.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            var cpuStart = ThreadCpuClock.NowMilliseconds();
            start = Stopwatch.GetTimestamp();
            var matches = index.Match(query, 5);
            matchMs.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            matchCpuMs.Add(ThreadCpuClock.NowMilliseconds() - cpuStart);
            var result = conditions[clip.Condition];
            var best = matches.Count > 0 ? matches[0] : null;
            result.Add(clip, recordings[clip.RecordingId].Source, best);
            if (best is not null && result.Condition.Name.StartsWith("negative", StringComparison.Ordinal))
            {
                falsePositives.Add(new FalsePositive(clip, recordings[clip.RecordingId].Source,
                    recordings.TryGetValue(best.DocumentId, out var matched) ? matched.Source : "?", best));
            }
            if (number % scaleStride == 0)
            {
                scaleQueries.Add((query, result.Condition.Name.StartsWith("negative", StringComparison.Ordinal) ? null : clip.RecordingId));
            }
        }

        // The scale run is the slow part on a shared machine: --quick measures at 100 h only, and extrapolates.
        double[] checkpoints = quick ? [100] : [100, 1000, 10000];
        var shuffle = new Random(14);
        var scaleBudget = TimeSpan.FromMinutes(Arguments.Int(args, "--scale-minutes", quick ? 2 : 10));
        // Shuffled (seeded), so a timing run cut short by its budget still samples every condition.
        var shuffled = scaleQueries.OrderBy(_ => shuffle.Next()).ToList();
        var scale = ScaleRun.Measure(extraction.Fingerprints, shuffled, checkpoints, memoryBudget, scaleBudget);
        new FingerprintReport(corpus, extraction, conditions.Values.ToList(), falsePositives, indexManagedBytes, written.Count, queryExtractMs, matchMs, matchCpuMs, scale, quick, load, total.Elapsed)
            .Print();
        return Task.FromResult(0);
    }
}
