namespace SearchEngine.Embeddings.Vision;

/// <summary>
/// Precomputed taps of a 1-D antialiased bilinear (triangle) resampler, following PIL's <c>ImagingResample</c>:
/// output pixel i of a resize from <c>inSize</c> to <c>outSize</c> is centred at <c>(i + 0.5) · scale</c> in the
/// source, and the triangle's support grows with the scale when shrinking. Only the outputs
/// <c>[offset, offset + count)</c> (the crop) are computed.
/// </summary>
internal sealed class ResampleTaps
{
    private readonly float[] _weights;
    private readonly int[] _count;
    private readonly int _stride;

    private ResampleTaps(int[] start, int[] count, float[] weights, int stride)
    {
        Start = start;
        _count = count;
        _weights = weights;
        _stride = stride;
    }

    /// <summary>First source index of each output.</summary>
    public int[] Start { get; }

    /// <summary>The smallest source index any output reads.</summary>
    public int FirstSource => Start.Min();

    /// <summary>One past the largest source index any output reads.</summary>
    public int LastSourceExclusive
    {
        get
        {
            var last = 0;
            for (var i = 0; i < Start.Length; i++)
            {
                last = Math.Max(last, Start[i] + _count[i]);
            }

            return last;
        }
    }

    /// <summary>The normalized weights of output <paramref name="index"/>, for sources Start[index]...</summary>
    public ReadOnlySpan<float> WeightsOf(int index) => _weights.AsSpan(index * _stride, _count[index]);

    public static ResampleTaps Create(int inSize, int outSize, int offset, int count)
    {
        var scale = (double)inSize / outSize;
        var filterScale = Math.Max(scale, 1.0);
        var support = filterScale; // the bilinear triangle has support 1
        var stride = (int)Math.Ceiling(support) * 2 + 1;
        var start = new int[count];
        var taps = new int[count];
        var weights = new float[count * stride];
        Span<double> w = stackalloc double[stride];
        for (var i = 0; i < count; i++)
        {
            var center = (offset + i + 0.5) * scale;
            var min = Math.Max(0, (int)(center - support + 0.5));
            var max = Math.Min(inSize, (int)(center + support + 0.5));
            var n = Math.Min(max - min, stride);
            var total = 0.0;
            for (var k = 0; k < n; k++)
            {
                var distance = Math.Abs((min + k - center + 0.5) / filterScale);
                w[k] = distance < 1 ? 1 - distance : 0;
                total += w[k];
            }

            for (var k = 0; k < n; k++)
            {
                weights[i * stride + k] = total > 0 ? (float)(w[k] / total) : 0f;
            }

            start[i] = min;
            taps[i] = n;
        }

        return new ResampleTaps(start, taps, weights, stride);
    }
}
