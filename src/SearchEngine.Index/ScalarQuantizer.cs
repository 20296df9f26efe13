using System.Numerics.Tensors;
using SearchEngine.Core.Vectors;

namespace SearchEngine.Index;

/// <summary>
/// Symmetric int8 scalar quantization with one scale per dimension: code = round(x / s), s = max|x| / 127 over a training
/// sample, clamped to ±127. The graph is walked over codes (a quarter of the bytes of float32) with the query kept in
/// float (asymmetric distance), and the final candidates are re-scored with the full-precision vectors.
/// </summary>
public sealed class ScalarQuantizer
{
    private readonly float[] _scales;

    private ScalarQuantizer(float[] scales) => _scales = scales;

    /// <summary>Vector dimension.</summary>
    public int Dimension => _scales.Length;

    /// <summary>Per-dimension scales (value of one code step).</summary>
    public ReadOnlySpan<float> Scales => _scales;

    /// <summary>
    /// Fits the scales to <paramref name="rows"/> (row-major, <paramref name="dimension"/> floats each); for cosine the rows
    /// are normalized first, as the index will store them.
    /// </summary>
    public static ScalarQuantizer Train(ReadOnlySpan<float> rows, int dimension, DistanceMetric metric)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (rows.Length == 0 || rows.Length % dimension != 0)
        {
            throw new ArgumentException("rows must hold a positive whole number of vectors", nameof(rows));
        }
        var max = new float[dimension];
        var row = new float[dimension];
        for (var r = 0; r < rows.Length; r += dimension)
        {
            rows.Slice(r, dimension).CopyTo(row);
            if (metric == DistanceMetric.Cosine)
            {
                var norm = TensorPrimitives.Norm(row);
                if (norm > 0)
                {
                    TensorPrimitives.Divide(row, norm, row);
                }
            }
            for (var d = 0; d < dimension; d++)
            {
                max[d] = Math.Max(max[d], Math.Abs(row[d]));
            }
        }
        for (var d = 0; d < dimension; d++)
        {
            max[d] = max[d] > 0 ? max[d] / 127f : 1f;
        }
        return new ScalarQuantizer(max);
    }

    /// <summary>Recreates a quantizer from stored scales.</summary>
    public static ScalarQuantizer FromScales(ReadOnlySpan<float> scales)
    {
        foreach (var s in scales)
        {
            if (!(s > 0) || float.IsInfinity(s))
            {
                throw new ArgumentException("scales must be positive and finite", nameof(scales));
            }
        }
        return new ScalarQuantizer(scales.ToArray());
    }

    /// <summary>Writes the codes of <paramref name="vector"/> to <paramref name="codes"/>.</summary>
    public void Encode(ReadOnlySpan<float> vector, Span<sbyte> codes)
    {
        for (var d = 0; d < _scales.Length; d++)
        {
            codes[d] = (sbyte)Math.Clamp(MathF.Round(vector[d] / _scales[d]), -127f, 127f);
        }
    }
}
