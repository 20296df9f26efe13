using SearchEngine.Core.Vectors;

namespace SearchEngine.Index.Tests;

/// <summary>External ids through the index's id map: any 64-bit value, removal, return under the same id, growth.</summary>
public class IdMapTests
{
    [Fact]
    public void Ids_across_the_64_bit_range_survive_removal_return_and_growth()
    {
        const int dim = 8;
        const int n = 3000;
        var rows = TestData.Random(n, dim, 50);
        // Sequential, negative, extreme and strided ids: the map must spread and keep them all apart.
        long IdOf(int i) => i switch
        {
            0 => long.MinValue,
            1 => long.MaxValue,
            2 => 0,
            _ => i % 3 == 0 ? -i : (long)i << 20,
        };
        using var index = new HnswIndex(new HnswOptions { Dimension = dim, Metric = DistanceMetric.L2, EfConstruction = 40 });
        index.UpsertBatch(Enumerable.Range(0, n).Select(IdOf).ToArray(), rows, threads: 2);
        Assert.Equal(n, index.Count);
        Assert.All(Enumerable.Range(0, n), i => Assert.True(index.Contains(IdOf(i)), $"id {IdOf(i)} missing"));
        for (var i = 0; i < n; i += 2)
        {
            Assert.True(index.Remove(IdOf(i)));
        }
        Assert.False(index.Remove(IdOf(0)));
        Assert.Equal(n / 2, index.Count);
        Assert.All(Enumerable.Range(0, n), i => Assert.Equal(i % 2 == 1, index.Contains(IdOf(i))));
        // Back under the same ids (tombstones reused), then searched: the hit carries the external id.
        for (var i = 0; i < n; i += 4)
        {
            index.Upsert(IdOf(i), rows.AsSpan(i * dim, dim));
        }
        Assert.Equal((n / 2) + (n / 4), index.Count);
        var hit = index.Search(rows.AsSpan(4 * dim, dim), 1, new VectorSearchOptions { Ef = 64 })[0];
        Assert.Equal(IdOf(4), hit.Id);
        Assert.False(index.Contains(12345));
    }
}
