using System.Diagnostics;
using SearchEngine.Fingerprints;

namespace SearchEngine.Benchmarks.Fingerprints;

/// <summary>
/// The indexed recordings' fingerprints, and what making them cost: each recording is decoded from its document file
/// (untimed), then extracted on this one thread; speed is audio seconds per second of this process's CPU time during
/// extraction (wall time too, which on a shared machine includes waiting for a core).
/// </summary>
internal sealed record CorpusExtraction(
    IReadOnlyList<(long Id, Fingerprint Fingerprint)> Fingerprints,
    double AudioSeconds,
    double CpuSeconds,
    double WallSeconds,
    long StoredBytes,
    long Landmarks)
{
    public double TimesRealTimeCpu => AudioSeconds / CpuSeconds;

    public double TimesRealTimeWall => AudioSeconds / WallSeconds;

    public static CorpusExtraction Run(FingerprintCorpus corpus, FingerprintExtractor extractor, int decodeRate)
    {
        var fingerprints = new List<(long, Fingerprint)>();
        double audio = 0, cpu = 0, wall = 0;
        long stored = 0, landmarks = 0;
        var warmedUp = false;
        foreach (var recording in corpus.Indexed)
        {
            var samples = MediaCommand.DecodeMono(recording.DocumentPath!, decodeRate);
            if (!warmedUp)
            {
                // Tiered compilation: the first calls run unoptimised code, which is not the steady state being measured.
                for (var i = 0; i < 3; i++)
                {
                    extractor.Extract(samples.AsSpan(0, Math.Min(samples.Length, decodeRate * 30)), decodeRate);
                }

                warmedUp = true;
            }

            var cpuBefore = ProcessCpuSeconds();
            var start = Stopwatch.GetTimestamp();
            var fingerprint = extractor.Extract(samples, decodeRate);
            wall += Stopwatch.GetElapsedTime(start).TotalSeconds;
            cpu += ProcessCpuSeconds() - cpuBefore;
            audio += samples.Length / (double)decodeRate;
            stored += fingerprint.ToBytes().Length;
            landmarks += fingerprint.Landmarks.Length;
            fingerprints.Add((recording.Id, fingerprint));
        }

        Console.Error.WriteLine($"[fingerprint] extracted {fingerprints.Count} recordings, {audio / 3600:F2} h, in {cpu:F1} s CPU");
        return new CorpusExtraction(fingerprints, audio, cpu, wall, stored, landmarks);
    }

    private static double ProcessCpuSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }
}
