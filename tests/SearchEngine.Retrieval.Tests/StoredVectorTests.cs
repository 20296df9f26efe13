using System.Numerics.Tensors;
using SearchEngine.Core.Vectors;
using SearchEngine.Index;

namespace SearchEngine.Retrieval.Tests;

/// <summary>Exact rescoring reads the index's own full-precision vectors (IVectorIndex.TryGetVector).</summary>
public sealed class StoredVectorTests
{
    [Fact]
    public void A_cosine_index_gives_back_each_live_vector_normalized_and_nothing_for_removed_or_unknown_ids()
    {
        using var index = new HnswIndex(new HnswOptions { Dimension = 3, Metric = DistanceMetric.Cosine });
        index.Upsert(10, [3, 0, 4]);
        index.Upsert(11, [0, 2, 0]);
        var row = new float[3];

        Assert.True(index.TryGetVector(10, row));
        Assert.Equal([0.6f, 0f, 0.8f], row);
        Assert.Equal(1f, TensorPrimitives.Norm(row), 5);

        index.Upsert(10, [0, 0, 5]); // an update replaces the vector under the same id
        Assert.True(index.TryGetVector(10, row));
        Assert.Equal([0f, 0f, 1f], row);

        Assert.True(index.Remove(11));
        Assert.False(index.TryGetVector(11, row));
        Assert.False(index.TryGetVector(99, row));
        Assert.Throws<ArgumentException>(() => index.TryGetVector(10, new float[2]));
    }
}
