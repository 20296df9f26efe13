namespace SearchEngine.Embeddings.Audio;

/// <summary>
/// YAMNet's log-mel front end, exactly as <c>models/yamnet/frontend.md</c> specifies (the one YAMNet was trained with):
/// 16 kHz mono; 25 ms periodic-Hann frames every 10 ms, no centring; 512-point FFT magnitude (unscaled); 64 HTK-mel
/// triangles from 125 to 7500 Hz (no area normalization); <c>ln(mel + offset)</c>; 96-frame patches. Tables are
/// built once; <see cref="Compute(ReadOnlySpan{float}, Span{float})"/> is thread-safe.
/// </summary>
public sealed class YamnetFrontEnd
{
    /// <summary>Input sample rate.</summary>
    public const int SampleRate = 16_000;

    /// <summary>Frame length in samples (25 ms).</summary>
    public const int FrameLength = 400;

    /// <summary>Frame hop in samples (10 ms).</summary>
    public const int FrameHop = 160;

    /// <summary>FFT size.</summary>
    public const int FftSize = 512;

    /// <summary>Mel bands per frame.</summary>
    public const int MelBands = 64;

    /// <summary>Frames per patch (0.96 s).</summary>
    public const int PatchFrames = 96;

    /// <summary>YAMNet's patch hop in frames (0.48 s).</summary>
    public const int DefaultPatchHopFrames = 48;

    /// <summary>YAMNet's log offset.</summary>
    public const float DefaultLogOffset = 0.001f;

    private const int Bins = FftSize / 2 + 1;
    private const double MinHz = 125, MaxHz = 7500;

    private static readonly double[] Window = BuildWindow();
    private static readonly (int FirstBin, double[] Weights)[] MelFilters = BuildMelFilters();

    /// <summary>Creates a front end with patches every <paramref name="patchHopFrames"/> frames and log offset <paramref name="logOffset"/>.</summary>
    public YamnetFrontEnd(int patchHopFrames = DefaultPatchHopFrames, float logOffset = DefaultLogOffset)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(patchHopFrames);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(logOffset);
        PatchHopFrames = patchHopFrames;
        LogOffset = logOffset;
    }

    /// <summary>Frames between the starts of consecutive patches.</summary>
    public int PatchHopFrames { get; }

    /// <summary>The constant added before the logarithm.</summary>
    public float LogOffset { get; }

    /// <summary>Seconds between the starts of consecutive patches.</summary>
    public double PatchHopSeconds => PatchHopFrames * (double)FrameHop / SampleRate;

    /// <summary>Seconds one patch spans (0.96 s of frames plus the last frame's tail, 0.975 s of samples).</summary>
    public static double PatchSeconds => (PatchFrames - 1) * (double)FrameHop / SampleRate + (double)FrameLength / SampleRate;

    /// <summary>
    /// The number of patches <paramref name="sampleCount"/> samples give: at least one (short clips are zero-padded
    /// to one patch), plus one per whole or partial patch hop beyond it (the tail is zero-padded).
    /// </summary>
    public int PatchCount(int sampleCount)
    {
        var minimum = (PatchFrames - 1) * FrameHop + FrameLength;
        if (sampleCount <= minimum)
        {
            return 1;
        }

        var hopSamples = PatchHopFrames * FrameHop;
        return 1 + (sampleCount - minimum + hopSamples - 1) / hopSamples;
    }

    /// <summary>
    /// Computes the log-mel patches of <paramref name="samples"/> (mono, 16 kHz, [-1, 1]) into
    /// <paramref name="patches"/>, row-major [<see cref="PatchCount"/>, 96, 64].
    /// </summary>
    public void Compute(ReadOnlySpan<float> samples, Span<float> patches)
    {
        var patchCount = PatchCount(samples.Length);
        var frameCount = (patchCount - 1) * PatchHopFrames + PatchFrames;
        if (patches.Length < patchCount * PatchFrames * MelBands)
        {
            throw new ArgumentException($"Patch buffer holds {patches.Length} floats; {patchCount * PatchFrames * MelBands} are needed.", nameof(patches));
        }

        // Log-mel of every frame once; overlapping patches then copy rows.
        var logMel = new float[frameCount * MelBands];
        var spectrum = new PowerSpectrum(FftSize); // per call: it keeps scratch buffers, and this method is thread-safe
        Span<double> windowed = stackalloc double[FftSize];
        Span<double> magnitude = stackalloc double[Bins];
        for (var frame = 0; frame < frameCount; frame++)
        {
            var start = frame * FrameHop;
            windowed.Clear();
            for (var n = 0; n < FrameLength; n++)
            {
                var index = start + n;
                windowed[n] = index < samples.Length ? samples[index] * Window[n] : 0;
            }

            spectrum.Compute(windowed, magnitude);
            for (var k = 0; k < Bins; k++)
            {
                magnitude[k] = Math.Sqrt(magnitude[k]);
            }

            var row = logMel.AsSpan(frame * MelBands, MelBands);
            for (var band = 0; band < MelBands; band++)
            {
                var (firstBin, weights) = MelFilters[band];
                var sum = 0.0;
                for (var k = 0; k < weights.Length; k++)
                {
                    sum += magnitude[firstBin + k] * weights[k];
                }

                row[band] = (float)Math.Log(sum + LogOffset);
            }
        }

        for (var p = 0; p < patchCount; p++)
        {
            logMel.AsSpan(p * PatchHopFrames * MelBands, PatchFrames * MelBands).CopyTo(patches.Slice(p * PatchFrames * MelBands));
        }
    }

    /// <summary>Computes the patches into a new array; see <see cref="Compute(ReadOnlySpan{float}, Span{float})"/>.</summary>
    public float[] Compute(ReadOnlySpan<float> samples, out int patchCount)
    {
        patchCount = PatchCount(samples.Length);
        var patches = new float[patchCount * PatchFrames * MelBands];
        Compute(samples, patches);
        return patches;
    }

    private static double[] BuildWindow()
    {
        var window = new double[FrameLength];
        for (var n = 0; n < FrameLength; n++)
        {
            window[n] = 0.5 - 0.5 * Math.Cos(2 * Math.PI * n / FrameLength);
        }

        return window;
    }

    private static double Mel(double hz) => 1127.0 * Math.Log(1 + hz / 700.0);

    private static (int, double[])[] BuildMelFilters()
    {
        var edges = new double[MelBands + 2];
        var low = Mel(MinHz);
        var high = Mel(MaxHz);
        for (var i = 0; i < edges.Length; i++)
        {
            edges[i] = low + (high - low) * i / (MelBands + 1);
        }

        var filters = new (int, double[])[MelBands];
        for (var band = 0; band < MelBands; band++)
        {
            var weights = new double[Bins];
            int first = -1, last = -1;

            // Bin 0 (DC) never contributes, as in tf.signal.linear_to_mel_weight_matrix.
            for (var k = 1; k < Bins; k++)
            {
                var mel = Mel(k * (SampleRate / 2.0) / (Bins - 1));
                var rising = (mel - edges[band]) / (edges[band + 1] - edges[band]);
                var falling = (edges[band + 2] - mel) / (edges[band + 2] - edges[band + 1]);
                var weight = Math.Max(0, Math.Min(rising, falling));
                weights[k] = weight;
                if (weight > 0)
                {
                    first = first < 0 ? k : first;
                    last = k;
                }
            }

            filters[band] = first < 0 ? (0, []) : (first, weights[first..(last + 1)]);
        }

        return filters;
    }
}
