using SearchEngine.Core.Vectors;
using SearchEngine.Index;

namespace SearchEngine.Index.Tests;

public class RecallTests
{
    [Theory]
    [InlineData(DistanceMetric.Cosine)]
    [InlineData(DistanceMetric.L2)]
    public void Random_set_reaches_recall_099_at_high_ef(DistanceMetric metric)
    {
        const int dim = 32;
        var rows = TestData.Random(3000, dim, 1);
        using var index = TestData.Build(rows, dim, metric);
        var recall = TestData.Recall(index, rows, TestData.Random(100, dim, 2), dim, 10, 200, metric);
        Assert.True(recall >= 0.99, $"recall {recall}");
    }

    [Fact]
    public void Clustered_set_reaches_recall_099_at_high_ef()
    {
        const int dim = 48;
        var rows = TestData.Clustered(4000, dim, 40, 3);
        using var index = TestData.Build(rows, dim, DistanceMetric.L2, threads: 2);
        var recall = TestData.Recall(index, rows, TestData.Clustered(100, dim, 40, 3), dim, 10, 200, DistanceMetric.L2);
        Assert.True(recall >= 0.99, $"recall {recall}");
    }

    [Fact]
    public void Distances_are_exact_for_a_dimension_off_the_simd_width()
    {
        // 100 = 6 × 16 + 4: exercises the 512-bit loop and the 128-bit tail.
        const int dim = 100;
        var rows = TestData.Random(500, dim, 4);
        using var index = TestData.Build(rows, dim);
        var query = TestData.Random(1, dim, 5);
        foreach (var hit in index.Search(query, 10, new VectorSearchOptions { Ef = 100 }))
        {
            var expected = TestData.Distance(query, rows.AsSpan((int)hit.Id * dim, dim), DistanceMetric.Cosine);
            Assert.Equal(expected, hit.Distance, 4);
        }
        var l2 = TestData.Build(rows, dim, DistanceMetric.L2);
        foreach (var hit in l2.Search(query, 10, new VectorSearchOptions { Ef = 100 }))
        {
            var expected = TestData.Distance(query, rows.AsSpan((int)hit.Id * dim, dim), DistanceMetric.L2);
            Assert.Equal(expected, hit.Distance, 3);
        }
        l2.Dispose();
    }

    [Fact]
    public void Single_threaded_build_is_deterministic_for_a_seed()
    {
        const int dim = 24;
        var rows = TestData.Random(1500, dim, 6);
        using var a = TestData.Build(rows, dim);
        using var b = TestData.Build(rows, dim);
        var queries = TestData.Random(20, dim, 7);
        for (var q = 0; q < 20; q++)
        {
            var options = new VectorSearchOptions { Ef = 20 };
            Assert.Equal(a.Search(queries.AsSpan(q * dim, dim), 10, options), b.Search(queries.AsSpan(q * dim, dim), 10, options));
        }
    }

    [Fact]
    public void Int8_quantized_index_keeps_recall_with_exact_rescoring()
    {
        const int dim = 64;
        var rows = TestData.Clustered(3000, dim, 30, 8);
        var quantizer = ScalarQuantizer.Train(rows, dim, DistanceMetric.Cosine);
        using var index = TestData.Build(rows, dim, quantizer: quantizer);
        var queries = TestData.Clustered(100, dim, 30, 8);
        var recall = TestData.Recall(index, rows, queries, dim, 10, 200, DistanceMetric.Cosine);
        Assert.True(recall >= 0.98, $"recall {recall}");
        // Re-scored distances are the full-precision ones.
        var hit = index.Search(queries.AsSpan(0, dim), 1, new VectorSearchOptions { Ef = 50 })[0];
        Assert.Equal(TestData.Distance(queries.AsSpan(0, dim), rows.AsSpan((int)hit.Id * dim, dim), DistanceMetric.Cosine), hit.Distance, 4);
    }
}
