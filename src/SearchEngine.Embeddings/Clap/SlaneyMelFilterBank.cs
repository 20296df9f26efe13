namespace SearchEngine.Embeddings.Clap;

/// <summary>
/// A triangular mel filter bank on the Slaney mel scale with Slaney area normalization, as Hugging Face's
/// <c>audio_utils.mel_filter_bank(norm="slaney", mel_scale="slaney")</c> (= librosa's <c>filters.mel</c> defaults)
/// builds it; CLAP's unfused models use this bank. Filters are stored as their non-zero runs.
/// </summary>
public sealed class SlaneyMelFilterBank
{
    private const double MinLogHertz = 1000.0;
    private const double MinLogMel = 15.0;
    private static readonly double LogStep = Math.Log(6.4) / 27.0;

    private readonly int[] _start;
    private readonly double[][] _weights;

    /// <summary>Builds <paramref name="melBins"/> filters over the <c>fftSize / 2 + 1</c> bins of a one-sided spectrum.</summary>
    public SlaneyMelFilterBank(int fftSize, int melBins, double minFrequency, double maxFrequency, int sampleRate)
    {
        var bins = fftSize / 2 + 1;
        FrequencyBins = bins;
        MelBins = melBins;
        var minMel = HertzToMel(minFrequency);
        var maxMel = HertzToMel(maxFrequency);
        var edges = new double[melBins + 2];
        for (var i = 0; i < edges.Length; i++)
        {
            // np.linspace(minMel, maxMel, melBins + 2), then back to Hz.
            edges[i] = MelToHertz(minMel + (maxMel - minMel) * i / (melBins + 1));
        }

        _start = new int[melBins];
        _weights = new double[melBins][];
        var nyquist = sampleRate / 2;
        for (var m = 0; m < melBins; m++)
        {
            var (lower, centre, upper) = (edges[m], edges[m + 1], edges[m + 2]);
            var norm = 2.0 / (upper - lower);
            var weights = new List<double>();
            var first = -1;
            for (var k = 0; k < bins; k++)
            {
                var frequency = (double)nyquist * k / (bins - 1);
                var down = (frequency - lower) / (centre - lower);
                var up = (upper - frequency) / (upper - centre);
                var w = Math.Max(0, Math.Min(down, up));
                if (w > 0)
                {
                    if (first < 0)
                    {
                        first = k;
                    }

                    // Keep interior zeros (none occur in a triangle) so the run stays contiguous.
                    while (first + weights.Count < k)
                    {
                        weights.Add(0);
                    }

                    weights.Add(w * norm);
                }
            }

            _start[m] = Math.Max(first, 0);
            _weights[m] = [.. weights];
        }
    }

    /// <summary>Number of spectrum bins each filter spans.</summary>
    public int FrequencyBins { get; }

    /// <summary>Number of filters.</summary>
    public int MelBins { get; }

    /// <summary>The weight of spectrum bin <paramref name="bin"/> in filter <paramref name="mel"/>.</summary>
    public double Weight(int bin, int mel)
    {
        var offset = bin - _start[mel];
        return offset >= 0 && offset < _weights[mel].Length ? _weights[mel][offset] : 0;
    }

    /// <summary>Applies the bank to one power spectrum (<see cref="FrequencyBins"/> values), writing <see cref="MelBins"/> energies.</summary>
    public void Apply(ReadOnlySpan<double> power, Span<double> mel)
    {
        for (var m = 0; m < MelBins; m++)
        {
            var weights = _weights[m];
            var spectrum = power.Slice(_start[m], weights.Length);
            var sum = 0.0;
            for (var k = 0; k < weights.Length; k++)
            {
                sum += weights[k] * spectrum[k];
            }

            mel[m] = sum;
        }
    }

    /// <summary>Slaney's mel scale: linear below 1 kHz (3 mel per 200 Hz), logarithmic above.</summary>
    public static double HertzToMel(double hertz) =>
        hertz >= MinLogHertz ? MinLogMel + Math.Log(hertz / MinLogHertz) / LogStep : 3.0 * hertz / 200.0;

    /// <summary>The inverse of <see cref="HertzToMel"/>.</summary>
    public static double MelToHertz(double mel) =>
        mel >= MinLogMel ? MinLogHertz * Math.Exp(LogStep * (mel - MinLogMel)) : 200.0 * mel / 3.0;
}
