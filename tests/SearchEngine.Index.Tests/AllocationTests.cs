using SearchEngine.Core.Vectors;
using SearchEngine.Index;

namespace SearchEngine.Index.Tests;

public class AllocationTests
{
    [Fact]
    public void Search_into_a_caller_list_allocates_nothing_per_query_after_warm_up()
    {
        const int dim = 32;
        var rows = TestData.Random(2000, dim, 11);
        using var index = TestData.Build(rows, dim);
        var queries = TestData.Random(50, dim, 12);
        var options = new VectorSearchOptions { Ef = 64 };
        var hits = new List<VectorHit>(10);
        for (var q = 0; q < 50; q++)
        {
            hits.Clear();
            index.Search(queries.AsSpan(q * dim, dim), 10, options, hits);
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            hits.Clear();
            index.Search(queries.AsSpan(i % 50 * dim, dim), 10, options, hits);
        }
        var perQuery = (GC.GetAllocatedBytesForCurrentThread() - before) / 1000.0;
        Assert.True(perQuery == 0, $"{perQuery} bytes per query");
    }
}
