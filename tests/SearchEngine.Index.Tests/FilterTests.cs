using SearchEngine.Core.Vectors;

namespace SearchEngine.Index.Tests;

public class FilterTests
{
    private const int Dim = 32;

    [Fact]
    public void Half_selective_filter_is_applied_during_the_graph_search()
    {
        var rows = TestData.Random(4000, Dim, 20);
        using var index = TestData.Build(rows, Dim);
        var queries = TestData.Random(50, Dim, 21);
        var recall = TestData.Recall(index, rows, queries, Dim, 10, 200, DistanceMetric.Cosine, allow: id => id % 2 == 0);
        Assert.True(recall >= 0.98, $"recall {recall}");
    }

    [Fact]
    public void One_percent_filter_falls_back_to_an_exact_scan()
    {
        var rows = TestData.Clustered(5000, Dim, 50, 22);
        using var index = TestData.Build(rows, Dim);
        var queries = TestData.Clustered(50, Dim, 50, 23);
        static bool Allow(long id) => id % 100 == 37;
        // Without a selectivity hint the index estimates it from a sample.
        var recall = TestData.Recall(index, rows, queries, Dim, 10, 40, DistanceMetric.Cosine, allow: Allow);
        Assert.Equal(1.0, recall);
        var hinted = TestData.Recall(index, rows, queries, Dim, 10, 40, DistanceMetric.Cosine, allow: Allow,
            options: new VectorSearchOptions { Ef = 40, Filter = Allow, FilterSelectivity = 0.01 });
        Assert.Equal(1.0, hinted);
    }

    [Fact]
    public void Allow_lists_small_and_large_return_only_listed_ids()
    {
        var rows = TestData.Random(3000, Dim, 24);
        using var index = TestData.Build(rows, Dim);
        var query = TestData.Random(1, Dim, 25);
        var small = new HashSet<long> { 3, 99, 1500, 2999, 123456 };
        var hits = index.Search(query, 10, new VectorSearchOptions { AllowList = small });
        Assert.Equal(4, hits.Count);
        Assert.All(hits, h => Assert.Contains(h.Id, small));
        var large = Enumerable.Range(0, 3000).Where(i => i % 3 == 0).Select(i => (long)i).ToHashSet();
        var expected = TestData.BruteForce(rows, Dim, query, 10, DistanceMetric.Cosine, large.Contains);
        var found = index.Search(query, 10, new VectorSearchOptions { AllowList = large, Ef = 200 });
        Assert.All(found, h => Assert.Contains(h.Id, large));
        Assert.True(found.Count(h => expected.Contains(h.Id)) >= 9);
    }
}
