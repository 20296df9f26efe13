using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace SearchEngine.Benchmarks.Fingerprints;

/// <summary>
/// The fingerprint spectrogram's transform (512 points of real sound per 16 ms frame) three ways, side by side in one
/// run: a plain radix-2 complex FFT fed the real frame with a zero imaginary part (what the extractor used first), NWaves'
/// RealFft (float arrays, no allocation per call; what the extractor uses) and FftSharp's ForwardReal (double arrays, allocates its output). Each is timed
/// over the same frames in rounds; medians of the rounds and ratios to the radix-2 are reported.
/// </summary>
internal static class FftComparison
{
    private const int Size = 512;
    private const int Frames = 20_000;
    private const int Rounds = 9;

    public static Task<int> RunAsync(string[] args)
    {
        var random = new Random(20261204);
        var frames = new float[Frames * Size];
        for (var i = 0; i < frames.Length; i++)
        {
            frames[i] = (float)(random.NextDouble() * 2 - 1);
        }

        var radix2 = new RadixTwoFft(Size);
        var ownRe = new float[Size];
        var ownIm = new float[Size];
        var nwaves = new NWaves.Transforms.RealFft(Size);
        var nwavesIn = new float[Size];
        var nwavesRe = new float[Size];
        var nwavesIm = new float[Size];
        var sharpIn = new double[Size];
        var sink = 0.0;

        var candidates = new (string Name, Action<int> Frame)[]
        {
            ("radix-2 complex, im = 0", f =>
            {
                frames.AsSpan(f * Size, Size).CopyTo(ownRe);
                Array.Clear(ownIm);
                radix2.Transform(ownRe, ownIm);
                sink += ownRe[7];
            }),
            ("NWaves 0.9.6 RealFft", f =>
            {
                frames.AsSpan(f * Size, Size).CopyTo(nwavesIn);
                nwaves.Direct(nwavesIn, nwavesRe, nwavesIm);
                sink += nwavesRe[7];
            }),
            ("FftSharp 2.2.0 ForwardReal", f =>
            {
                var frame = frames.AsSpan(f * Size, Size);
                for (var i = 0; i < Size; i++)
                {
                    sharpIn[i] = frame[i];
                }

                sink += FftSharp.FFT.ForwardReal(sharpIn)[7].Real;
            }),
        };

        var medians = new double[candidates.Length];
        var allocated = new long[candidates.Length];
        for (var c = 0; c < candidates.Length; c++)
        {
            var (_, frame) = candidates[c];
            for (var f = 0; f < 2_000; f++)
            {
                frame(f);
            }

            var rounds = new double[Rounds];
            for (var r = 0; r < Rounds; r++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var started = Stopwatch.GetTimestamp();
                for (var f = 0; f < Frames; f++)
                {
                    frame(f);
                }

                rounds[r] = Stopwatch.GetElapsedTime(started).TotalNanoseconds / Frames;
                allocated[c] = (GC.GetAllocatedBytesForCurrentThread() - before) / Frames;
            }

            medians[c] = Percentile.Of(rounds, 50);
        }

        Console.WriteLine($"512-point FFT of real frames, {Frames:N0} frames × {Rounds} rounds, one thread (median of rounds)");
        Console.WriteLine($"{"transform",-32} {"ns/frame",9} {"× radix-2",9} {"bytes/frame",12}");
        for (var c = 0; c < candidates.Length; c++)
        {
            Console.WriteLine($"{candidates[c].Name,-32} {medians[c],9:F0} {medians[c] / medians[0],9:F2} {allocated[c],12}");
        }

        Console.WriteLine(JsonSerializer.Serialize(new
        {
            benchmark = "fft",
            size = Size,
            radix2_ns = Math.Round(medians[0], 1),
            nwaves_ns = Math.Round(medians[1], 1),
            fftsharp_ns = Math.Round(medians[2], 1),
            nwaves_over_radix2 = Math.Round(medians[1] / medians[0], 3),
            fftsharp_over_radix2 = Math.Round(medians[2] / medians[0], 3),
            checksum = sink.ToString("G3", CultureInfo.InvariantCulture),
        }));
        return Task.FromResult(0);
    }
}
