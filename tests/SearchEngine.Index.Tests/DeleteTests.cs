using SearchEngine.Core.Vectors;
using SearchEngine.Index;

namespace SearchEngine.Index.Tests;

public class DeleteTests
{
    private const int Dim = 32;

    [Fact]
    public void Deleted_ids_are_excluded_at_once_and_recall_holds()
    {
        var rows = TestData.Random(3000, Dim, 10);
        using var index = TestData.Build(rows, Dim);
        for (long id = 0; id < 3000; id += 2)
        {
            Assert.True(index.Remove(id));
        }
        Assert.False(index.Remove(0));
        Assert.Equal(1500, index.Count);
        Assert.False(index.Contains(2));
        var queries = TestData.Random(50, Dim, 11);
        for (var q = 0; q < 50; q++)
        {
            Assert.All(index.Search(queries.AsSpan(q * Dim, Dim), 10), h => Assert.True(h.Id % 2 == 1));
        }
        var recall = TestData.Recall(index, rows, queries, Dim, 10, 200, DistanceMetric.Cosine, allow: id => id % 2 == 1,
            options: new VectorSearchOptions { Ef = 200 });
        Assert.True(recall >= 0.98, $"recall {recall}");
    }

    [Fact]
    public void Through_the_vector_index_contract_removed_and_replaced_vectors_count_as_deleted_until_compacted()
    {
        var rows = TestData.Random(200, Dim, 13);
        using var hnsw = TestData.Build(rows, Dim);
        IVectorIndex index = hnsw;
        Assert.Equal(0, index.DeletedCount);

        for (long id = 0; id < 30; id++)
        {
            index.Remove(id);
        }
        index.UpsertBatch([100, 101], rows.AsMemory(0, 2 * Dim), threads: 1); // two replacements leave two old nodes behind
        Assert.Equal(32, index.DeletedCount);
        Assert.Equal(170, index.Count);

        index.Compact(threads: 1);
        Assert.Equal(0, index.DeletedCount);
        Assert.Equal(170, index.Count);
        Assert.Equal(100, index.Search(rows.AsSpan(0, Dim), 1)[0].Id);
    }

    [Fact]
    public void Compaction_reclaims_deleted_nodes_and_keeps_results()
    {
        var rows = TestData.Random(2000, Dim, 12);
        using var index = TestData.Build(rows, Dim);
        for (long id = 0; id < 1000; id++)
        {
            index.Remove(id);
        }
        Assert.Equal(2000, index.NodeCount);
        index.Compact(threads: 2);
        Assert.Equal(1000, index.NodeCount);
        Assert.Equal(1000, index.Count);
        var queries = TestData.Random(50, Dim, 13);
        var recall = TestData.Recall(index, rows, queries, Dim, 10, 200, DistanceMetric.Cosine, allow: id => id >= 1000,
            options: new VectorSearchOptions { Ef = 200 });
        Assert.True(recall >= 0.98, $"recall {recall}");
    }

    [Fact]
    public void Update_replaces_the_vector_under_the_same_id()
    {
        var rows = TestData.Random(1000, Dim, 14);
        using var index = TestData.Build(rows, Dim);
        var target = rows.AsSpan(5 * Dim, Dim).ToArray();
        index.Upsert(7, target);
        Assert.Equal(1000, index.Count);
        Assert.Equal(1001, index.NodeCount);
        var hits = index.Search(target, 2, new VectorSearchOptions { Ef = 50 });
        Assert.Equal([5L, 7L], hits.Select(h => h.Id).Order().ToArray());
        Assert.All(hits, h => Assert.True(h.Distance < 1e-5));
    }
}
