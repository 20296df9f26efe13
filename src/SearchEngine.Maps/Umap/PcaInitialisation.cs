using System.Numerics.Tensors;

namespace SearchEngine.Maps.Umap;

/// <summary>
/// The starting layout: the data's first two principal components, found by block power iteration (the spectral
/// initialisation umap-learn prefers needs an eigensolver on the n×n graph Laplacian; PCA costs a few passes over the
/// data and the optimisation pulls the local structure in either way), scaled to [0, 10] per axis with a little noise,
/// as umap-learn scales any initialisation before optimising.
/// </summary>
internal static class PcaInitialisation
{
    private const int Iterations = 24;
    private const float Extent = 10f;

    /// <summary>Returns n interleaved (x, y) coordinates.</summary>
    public static float[] Compute(ReadOnlySpan<float> rows, int count, int dimension, Random random)
    {
        var mean = new float[dimension];
        for (var i = 0; i < count; i++)
        {
            TensorPrimitives.Add(mean, rows.Slice(i * dimension, dimension), mean);
        }

        TensorPrimitives.Divide(mean, Math.Max(1, count), mean);
        var first = RandomUnit(random, dimension);
        var second = RandomUnit(random, dimension);
        var nextFirst = new float[dimension];
        var nextSecond = new float[dimension];
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            // (X − mean)ᵀ (X − mean) v without forming the centred matrix: Σ_i (x_i·v − mean·v)(x_i − mean).
            Array.Clear(nextFirst);
            Array.Clear(nextSecond);
            var meanFirst = TensorPrimitives.Dot(mean, first);
            var meanSecond = TensorPrimitives.Dot(mean, second);
            float sumFirst = 0, sumSecond = 0;
            for (var i = 0; i < count; i++)
            {
                var row = rows.Slice(i * dimension, dimension);
                var a = TensorPrimitives.Dot(row, first) - meanFirst;
                var b = TensorPrimitives.Dot(row, second) - meanSecond;
                TensorPrimitives.MultiplyAdd(row, a, nextFirst, nextFirst);
                TensorPrimitives.MultiplyAdd(row, b, nextSecond, nextSecond);
                sumFirst += a;
                sumSecond += b;
            }

            TensorPrimitives.MultiplyAdd(mean, -sumFirst, nextFirst, first);
            TensorPrimitives.MultiplyAdd(mean, -sumSecond, nextSecond, second);
            // Gram-Schmidt keeps the second vector off the first, so it converges to the second component.
            Normalise(first);
            TensorPrimitives.MultiplyAdd(first, -TensorPrimitives.Dot(first, second), second, second);
            Normalise(second);
        }

        var layout = new float[2 * count];
        for (var i = 0; i < count; i++)
        {
            var row = rows.Slice(i * dimension, dimension);
            layout[2 * i] = TensorPrimitives.Dot(row, first);
            layout[(2 * i) + 1] = TensorPrimitives.Dot(row, second);
        }

        ScaleToExtent(layout, random);
        return layout;
    }

    /// <summary>Scales each axis to [0, 10] after adding noise of 1e-4 of the range, so no two points start on one spot.</summary>
    private static void ScaleToExtent(float[] layout, Random random)
    {
        for (var axis = 0; axis < 2; axis++)
        {
            float min = float.MaxValue, max = float.MinValue;
            for (var i = axis; i < layout.Length; i += 2)
            {
                min = Math.Min(min, layout[i]);
                max = Math.Max(max, layout[i]);
            }

            var range = max > min ? max - min : 1f;
            for (var i = axis; i < layout.Length; i += 2)
            {
                var noise = (float)((random.NextDouble() - 0.5) * 2e-4);
                layout[i] = Extent * (((layout[i] - min) / range) + noise);
            }
        }
    }

    private static float[] RandomUnit(Random random, int dimension)
    {
        var v = new float[dimension];
        for (var d = 0; d < dimension; d++)
        {
            v[d] = (float)(random.NextDouble() - 0.5);
        }

        Normalise(v);
        return v;
    }

    private static void Normalise(Span<float> v)
    {
        var norm = TensorPrimitives.Norm(v);
        if (norm > 0)
        {
            TensorPrimitives.Divide(v, norm, v);
        }
    }
}
