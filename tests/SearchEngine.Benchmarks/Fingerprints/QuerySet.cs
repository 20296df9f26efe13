using System.Collections.Concurrent;
using System.Diagnostics;

namespace SearchEngine.Benchmarks.Fingerprints;

/// <summary>
/// Draws the query clips (seeded: a condition's clips are the same on every run) and makes their files, two ffmpeg
/// processes at a time, into a cache folder beside the corpus; a finished set is read back from its queries.tsv.
/// </summary>
internal static class QuerySet
{
    // A cut quieter than this (RMS, full scale 1) is mostly a pause: drawn again, since "find the source of silence" has no answer.
    private const double QuietRms = 0.003;

    public static IReadOnlyList<QueryClip> Prepare(FingerprintCorpus corpus, IReadOnlyList<(QueryCondition Condition, int Count)> plan, string setName)
    {
        var folder = Path.Combine(corpus.Folder, "queries-" + setName);
        var manifest = Path.Combine(folder, "queries.tsv");
        if (File.Exists(manifest))
        {
            return File.ReadLines(manifest).Skip(1).Select(QueryClip.FromLine).ToList();
        }

        Directory.CreateDirectory(folder);
        var watch = Stopwatch.StartNew();
        var specs = Draw(corpus, plan);
        Console.Error.WriteLine($"[fingerprint] making {specs.Count} query clips in {folder} (2 ffmpeg processes at a time; cached for later runs)");
        var distorter = new ClipDistorter(corpus.BabblePath);
        var conditions = plan.ToDictionary(p => p.Condition.Name, p => p.Condition, StringComparer.Ordinal);
        var recordings = corpus.Recordings.ToDictionary(r => r.Id);
        var made = new ConcurrentBag<QueryClip>();
        var done = 0;
        Parallel.ForEach(specs.GroupBy(s => s.RecordingId), new ParallelOptions { MaxDegreeOfParallelism = 2 }, group =>
        {
            var (master, rate) = MonoWave.Read(recordings[group.Key].MasterPath);
            foreach (var spec in group)
            {
                var length = (int)(spec.Seconds * rate);
                var start = LoudStart(master, length, Math.Min((int)(spec.OffsetSeconds * rate), master.Length - length), spec.Number);
                var path = Path.Combine(folder, $"{spec.Condition}-{spec.Number:D4}.wav");
                distorter.Make(master[start..(start + length)], conditions[spec.Condition].Distortion, spec.Number, path);
                made.Add(spec with { OffsetSeconds = start / (double)rate, Path = path });
                if (Interlocked.Increment(ref done) % 500 == 0)
                {
                    Console.Error.WriteLine($"[fingerprint]   {done}/{specs.Count} clips, {watch.Elapsed.TotalSeconds:F0} s");
                }
            }
        });

        var clips = made.OrderBy(c => c.Condition, StringComparer.Ordinal).ThenBy(c => c.Number).ToList();
        File.WriteAllLines(manifest + ".part", ["condition\tnumber\trecording\toffset_s\tseconds\tpath", .. clips.Select(c => c.ToLine())]);
        File.Move(manifest + ".part", manifest, overwrite: true);
        Console.Error.WriteLine($"[fingerprint] query clips made in {watch.Elapsed.TotalSeconds:F0} s");
        return clips;
    }

    private static List<QueryClip> Draw(FingerprintCorpus corpus, IReadOnlyList<(QueryCondition Condition, int Count)> plan)
    {
        var specs = new List<QueryClip>();
        foreach (var (condition, count) in plan)
        {
            var negative = condition.Name.StartsWith("negative", StringComparison.Ordinal);
            var pool = (negative ? corpus.HeldOut : corpus.Indexed).Where(r => r.Seconds > condition.ClipSeconds + 1).ToList();
            var random = new Random(StableHash(condition.Name));
            for (var n = 0; n < count; n++)
            {
                // Recordings weighted by length, so every second of the corpus is equally likely to be asked about.
                var point = random.NextDouble() * pool.Sum(r => r.Seconds - condition.ClipSeconds);
                var recording = pool.First(r => (point -= r.Seconds - condition.ClipSeconds) <= 0 || r == pool[^1]);
                var offset = random.NextDouble() * (recording.Seconds - condition.ClipSeconds);
                specs.Add(new QueryClip(condition.Name, n, recording.Id, offset, condition.ClipSeconds, ""));
            }
        }

        return specs;
    }

    private static int LoudStart(float[] master, int length, int start, int number)
    {
        var random = new Random(number + 1);
        for (var attempt = 0; attempt < 50 && ClipDistorter.Rms(master.AsSpan(start, length)) < QuietRms; attempt++)
        {
            start = random.Next(0, master.Length - length);
        }

        return start;
    }

    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash & 0x7fffffff);
    }
}
