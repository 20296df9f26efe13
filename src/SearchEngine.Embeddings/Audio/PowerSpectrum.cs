namespace SearchEngine.Embeddings.Audio;

/// <summary>
/// The one-sided power spectrum |FFT(x)|² of a real frame whose length is a power of two, by an iterative radix-2
/// FFT with precomputed twiddles and bit reversal. One instance per thread (it keeps scratch buffers).
/// </summary>
internal sealed class PowerSpectrum
{
    private readonly int _size;
    private readonly int[] _reversed;
    private readonly double[] _cos;
    private readonly double[] _sin;
    private readonly double[] _real;
    private readonly double[] _imaginary;

    public PowerSpectrum(int size)
    {
        _size = size;
        var bits = System.Numerics.BitOperations.Log2((uint)size);
        _reversed = new int[size];
        for (var i = 0; i < size; i++)
        {
            _reversed[i] = (int)(ReverseBits((uint)i) >> (32 - bits));
        }

        _cos = new double[size / 2];
        _sin = new double[size / 2];
        for (var i = 0; i < size / 2; i++)
        {
            _cos[i] = Math.Cos(2 * Math.PI * i / size);
            _sin[i] = -Math.Sin(2 * Math.PI * i / size);
        }

        _real = new double[size];
        _imaginary = new double[size];
    }

    /// <summary>Writes <c>size / 2 + 1</c> powers of <paramref name="frame"/> into <paramref name="power"/>.</summary>
    public void Compute(ReadOnlySpan<double> frame, Span<double> power)
    {
        for (var i = 0; i < _size; i++)
        {
            _real[_reversed[i]] = frame[i];
        }

        Array.Clear(_imaginary);
        for (var length = 2; length <= _size; length <<= 1)
        {
            var half = length >> 1;
            var step = _size / length;
            for (var start = 0; start < _size; start += length)
            {
                for (var k = 0; k < half; k++)
                {
                    var (wr, wi) = (_cos[k * step], _sin[k * step]);
                    var (a, b) = (start + k, start + k + half);
                    var tr = wr * _real[b] - wi * _imaginary[b];
                    var ti = wr * _imaginary[b] + wi * _real[b];
                    _real[b] = _real[a] - tr;
                    _imaginary[b] = _imaginary[a] - ti;
                    _real[a] += tr;
                    _imaginary[a] += ti;
                }
            }
        }

        for (var k = 0; k <= _size / 2; k++)
        {
            power[k] = _real[k] * _real[k] + _imaginary[k] * _imaginary[k];
        }
    }

    private static uint ReverseBits(uint value)
    {
        value = ((value >> 1) & 0x55555555u) | ((value & 0x55555555u) << 1);
        value = ((value >> 2) & 0x33333333u) | ((value & 0x33333333u) << 2);
        value = ((value >> 4) & 0x0F0F0F0Fu) | ((value & 0x0F0F0F0Fu) << 4);
        value = ((value >> 8) & 0x00FF00FFu) | ((value & 0x00FF00FFu) << 8);
        return (value >> 16) | (value << 16);
    }
}
