using System.Buffers;
using Microsoft.Extensions.Options;
using NWaves.Transforms;

namespace SearchEngine.Fingerprints;

/// <summary>
/// Turns decoded mono sound into landmarks (Wang 2003): the sound is resampled to <see cref="AnalysisRate"/> Hz, cut into
/// Hann-windowed frames, its spectral peaks picked (<see cref="PeakPicker"/>), and each peak paired with the next
/// <see cref="FingerprintOptions.FanOut"/> peaks after it into a hash of (anchor bin, bin difference, frame difference).
/// Stateless and thread-safe.
/// </summary>
public sealed class FingerprintExtractor
{
    /// <summary>The rate sound is analysed at: speech and most sound events keep their peaks below 4 kHz.</summary>
    public const int AnalysisRate = 8000;

    /// <summary>Samples per analysis frame (64 ms).</summary>
    internal const int FrameLength = 512;

    /// <summary>Samples between frames (16 ms): fine enough that a clip's offset is found well within 0.1 s.</summary>
    internal const int Hop = 128;

    /// <summary>Seconds between frames.</summary>
    public const double FrameSeconds = (double)Hop / AnalysisRate;

    private const int Bins = FrameLength / 2;
    private const int MinBin = 3;
    private const int MaxBin = 240;
    private const int FreqRadius = 6;
    private const int TimeRadius = 4;
    private const int ThinningWindow = (int)(1.0 / FrameSeconds);

    private static readonly float[] Window = BuildWindow();

    private readonly FingerprintOptions _options;

    /// <summary>Extracts with <paramref name="options"/>.</summary>
    public FingerprintExtractor(IOptions<FingerprintOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
    }

    /// <summary>The landmarks of <paramref name="samples"/> (mono, in [-1, 1]) at <paramref name="sampleRate"/> Hz; resamples as it needs.</summary>
    public Fingerprint Extract(ReadOnlySpan<float> samples, int sampleRate) => Extract(samples, sampleRate, 1.0);

    /// <summary>
    /// The fingerprints a query clip is matched with (<see cref="FingerprintIndex.Match(IReadOnlyList{Fingerprint}, int)"/>):
    /// the clip as it is first, then read at each speed of the speed search (<see cref="FingerprintOptions.SpeedSearchStep"/>).
    /// </summary>
    public IReadOnlyList<Fingerprint> ExtractQuery(ReadOnlySpan<float> samples, int sampleRate)
    {
        var step = _options.SpeedSearchStep;
        if (step <= 0)
        {
            return [Extract(samples, sampleRate, 1.0)];
        }

        // A clip sped up by (1 + step) is undone by reading it as if its rate were that much lower.
        return [Extract(samples, sampleRate, 1.0), Extract(samples, sampleRate, 1.0 / (1 + step)), Extract(samples, sampleRate, 1.0 / (1 - step))];
    }

    /// <summary>The landmarks of <paramref name="samples"/> read as if their rate were <paramref name="sampleRate"/> × <paramref name="rateScale"/>.</summary>
    internal Fingerprint Extract(ReadOnlySpan<float> samples, int sampleRate, double rateScale)
    {
        if (sampleRate <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "The sample rate must be positive.");
        }

        var rate = sampleRate * rateScale;
        var duration = samples.Length / rate;
        float[]? rented = null;
        try
        {
            ReadOnlySpan<float> analysed;
            if (Math.Abs(rate - AnalysisRate) < 1e-9)
            {
                analysed = samples;
            }
            else
            {
                var resampler = new SincResampler(rate, AnalysisRate);
                var length = (int)resampler.OutputLength(samples.Length);
                rented = ArrayPool<float>.Shared.Rent(Math.Max(1, length));
                resampler.Resample(samples, 0, rented.AsSpan(0, length));
                analysed = rented.AsSpan(0, length);
            }

            var peaks = Peaks(analysed, Math.Max(1, _options.PeaksPerSecond));
            return new Fingerprint(Pair(peaks, Math.Max(1, _options.FanOut)), FrameSeconds, duration);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<float>.Shared.Return(rented);
            }
        }
    }

    private static List<SpectralPeak> Peaks(ReadOnlySpan<float> sound, int peaksPerSecond)
    {
        var picker = new PeakPicker(Bins, MinBin, MaxBin, FreqRadius, TimeRadius);
        // NWaves' real-input FFT (deploy/bench.sh fft: 0.74x the time of a complex radix-2 fed zeros); it keeps scratch
        // arrays of its own, so each extraction has one and concurrent extractions never share it.
        var transform = new RealFft(FrameLength);
        var windowed = new float[FrameLength];
        var re = new float[FrameLength];
        var im = new float[FrameLength];
        Span<float> logPower = stackalloc float[Bins];
        for (var start = 0; start + FrameLength <= sound.Length; start += Hop)
        {
            var frame = sound.Slice(start, FrameLength);
            for (var i = 0; i < FrameLength; i++)
            {
                windowed[i] = frame[i] * Window[i];
            }

            transform.Direct(windowed, re, im);
            for (var k = 0; k < Bins; k++)
            {
                logPower[k] = MathF.Log((re[k] * re[k]) + (im[k] * im[k]) + 1e-10f);
            }

            picker.Push(logPower);
        }

        return picker.Finish(peaksPerSecond, ThinningWindow);
    }

    private static Landmark[] Pair(List<SpectralPeak> peaks, int fanOut)
    {
        var landmarks = new List<Landmark>(peaks.Count * fanOut);
        for (var i = 0; i < peaks.Count; i++)
        {
            var anchor = peaks[i];
            var paired = 0;
            for (var j = i + 1; j < peaks.Count && paired < fanOut; j++)
            {
                var target = peaks[j];
                var dt = target.Frame - anchor.Frame;
                if (dt > LandmarkHash.MaxFrameDelta)
                {
                    break;
                }

                var df = target.Bin - anchor.Bin;
                if (dt < 1 || Math.Abs(df) > LandmarkHash.MaxBinDelta)
                {
                    continue;
                }

                landmarks.Add(new Landmark(LandmarkHash.Pack(anchor.Bin, df, dt), anchor.Frame));
                paired++;
            }
        }

        return [.. landmarks];
    }

    private static float[] BuildWindow()
    {
        var window = new float[FrameLength];
        for (var i = 0; i < FrameLength; i++)
        {
            window[i] = (float)(0.5 - 0.5 * Math.Cos(2 * Math.PI * i / FrameLength));
        }

        return window;
    }
}
