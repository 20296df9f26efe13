using System.Numerics.Tensors;

namespace SearchEngine.Embeddings.Inference;

/// <summary>L2 normalization of embeddings, the form every tower returns.</summary>
public static class VectorNormalization
{
    /// <summary>
    /// Copies <paramref name="source"/> into a new array scaled to unit length. A zero or non-finite vector gives the
    /// zero vector: it has cosine 0 with everything instead of poisoning an index with NaN.
    /// </summary>
    public static float[] ToUnit(ReadOnlySpan<float> source)
    {
        var result = new float[source.Length];
        var norm = TensorPrimitives.Norm(source);
        if (norm > 0 && float.IsFinite(norm))
        {
            TensorPrimitives.Divide(source, norm, result);
        }

        return result;
    }

    /// <summary>Splits a row-major [rows, dimension] buffer into unit-length rows.</summary>
    public static float[][] RowsToUnit(ReadOnlySpan<float> matrix, int rows, int dimension)
    {
        var result = new float[rows][];
        for (var r = 0; r < rows; r++)
        {
            result[r] = ToUnit(matrix.Slice(r * dimension, dimension));
        }

        return result;
    }
}
