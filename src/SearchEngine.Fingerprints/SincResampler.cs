namespace SearchEngine.Fingerprints;

/// <summary>
/// Band-limited resampling by a windowed-sinc kernel read from a table. Besides changing the rate, it is how a query is
/// re-timed for the speed search: reading a clip as if its rate were 2 % lower undoes a 2 % speed-up, pitch and tempo
/// together.
/// </summary>
internal sealed class SincResampler
{
    // Zero crossings of the kernel on each side: enough to keep aliasing far below the level that moves a spectral peak.
    private const int ZeroCrossings = 8;

    // Table entries per input sample of kernel distance (nearest lookup; the error is far below the peak picker's tolerance).
    private const int TableResolution = 256;

    private readonly float[] _kernel;
    private readonly double _step;
    private readonly double _halfWidth;

    /// <summary>Reads input at <paramref name="inputRate"/> Hz and produces output at <paramref name="outputRate"/> Hz.</summary>
    public SincResampler(double inputRate, double outputRate)
    {
        _step = inputRate / outputRate;

        // Cutoff a little below the lower Nyquist frequency, in cycles per input sample.
        var cutoff = 0.5 * Math.Min(1.0, 1.0 / _step) * 0.94;
        _halfWidth = ZeroCrossings / (2 * cutoff);
        var entries = (int)Math.Ceiling(_halfWidth * TableResolution) + 2;
        _kernel = new float[entries];
        for (var i = 0; i < entries; i++)
        {
            var d = (double)i / TableResolution;
            var x = 2 * cutoff * d;
            var sinc = x == 0 ? 1.0 : Math.Sin(Math.PI * x) / (Math.PI * x);
            var w = d >= _halfWidth ? 0.0 : 0.5 + 0.5 * Math.Cos(Math.PI * d / _halfWidth);
            _kernel[i] = (float)(2 * cutoff * sinc * w);
        }
    }

    /// <summary>How many output samples <paramref name="inputLength"/> input samples give.</summary>
    public long OutputLength(long inputLength) => (long)Math.Floor(inputLength / _step);

    /// <summary>Fills <paramref name="output"/> with output samples <paramref name="first"/> onwards, reading <paramref name="input"/>.</summary>
    public void Resample(ReadOnlySpan<float> input, long first, Span<float> output)
    {
        var kernel = _kernel;
        var halfWidth = _halfWidth;
        for (var n = 0; n < output.Length; n++)
        {
            var center = (first + n) * _step;
            var lo = Math.Max(0, (int)Math.Ceiling(center - halfWidth));
            var hi = Math.Min(input.Length - 1, (int)Math.Floor(center + halfWidth));
            var sum = 0f;
            for (var i = lo; i <= hi; i++)
            {
                var index = (int)(Math.Abs(i - center) * TableResolution + 0.5);
                sum += input[i] * kernel[index];
            }

            output[n] = sum;
        }
    }
}
