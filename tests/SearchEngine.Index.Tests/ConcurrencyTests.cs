using SearchEngine.Core.Vectors;

namespace SearchEngine.Index.Tests;

public class ConcurrencyTests
{
    [Fact]
    public async Task Searches_run_while_inserts_and_deletes_run()
    {
        const int dim = 32;
        const int n = 4000;
        var rows = TestData.Random(n, dim, 30);
        using var index = TestData.Build(rows.AsSpan(0, 500 * dim).ToArray(), dim);
        var queries = TestData.Random(64, dim, 31);
        var inserting = true;
        var searches = 0;
        // Writers start only once the searcher is searching: on a 2-core machine the thread pool may otherwise run
        // both writers to completion before the searcher gets a thread, and nothing would run concurrently.
        var searching = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var searcher = Task.Factory.StartNew(() =>
        {
            var q = 0;
            while (Volatile.Read(ref inserting))
            {
                var hits = index.Search(queries.AsSpan(q++ % 64 * dim, dim), 10, new VectorSearchOptions { Ef = 32 });
                Assert.True(hits.Count > 0);
                Assert.All(hits, h => Assert.True(h.Id is >= 0 and < n));
                Interlocked.Increment(ref searches);
                searching.TrySetResult();
            }
        }, TaskCreationOptions.LongRunning);
        if (await Task.WhenAny(searching.Task, searcher) == searcher)
        {
            await searcher; // the first search failed: surface its assertion
        }
        var writers = Enumerable.Range(0, 2).Select(t => Task.Run(() =>
        {
            for (var i = 500 + t; i < n; i += 2)
            {
                index.Upsert(i, rows.AsSpan(i * dim, dim));
                if (i % 50 == 0)
                {
                    index.Remove(i - 100);
                }
            }
        })).ToArray();
        await Task.WhenAll(writers);
        Volatile.Write(ref inserting, false);
        await searcher;
        Assert.True(searches > 0);
        Assert.Equal(n - Enumerable.Range(500, n - 500).Count(i => i % 50 == 0), index.Count);
        var recall = TestData.Recall(index, rows, queries, dim, 10, 200, DistanceMetric.Cosine, allow: index.Contains);
        Assert.True(recall >= 0.97, $"recall {recall}");
    }
}
