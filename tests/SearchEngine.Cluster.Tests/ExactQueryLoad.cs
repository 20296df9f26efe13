using System.Collections.Concurrent;

namespace SearchEngine.Cluster.Tests;

/// <summary>
/// A steady background load of fanned-out queries whose exact answers are known: every query that fails, comes back
/// partial or differs from its brute-force top-k is recorded, with the silos that answered.
/// </summary>
internal sealed class ExactQueryLoad : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly ConcurrentDictionary<string, byte> _silos = new();
    private readonly Task[] _workers;
    private int _answered;

    /// <summary>Starts <paramref name="workers"/> loops asking <paramref name="queries"/> in turn, each expected to return <paramref name="expected"/>.</summary>
    public ExactQueryLoad(ShardedSearch search, Core.CollectionInfo collection, float[][] queries, long[][] expected, int k, int ef, int workers = 2)
    {
        _workers = Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            for (var turn = worker; !_stop.IsCancellationRequested; turn++)
            {
                var i = turn % queries.Length;
                try
                {
                    var result = await search.SearchAsync(collection, queries[i], k, ef);
                    if (result.Partial)
                    {
                        _failures.Enqueue($"query {i}: partial, missing shards {string.Join(',', result.MissingShards)}");
                    }
                    else if (!expected[i].SequenceEqual(result.Hits.Select(h => h.SegmentId)))
                    {
                        _failures.Enqueue($"query {i}: a different top-{k}");
                    }

                    foreach (var answer in result.Answers)
                    {
                        _silos.TryAdd(answer.Silo, 0);
                    }

                    Interlocked.Increment(ref _answered);
                }
                catch (Exception e)
                {
                    _failures.Enqueue($"query {i}: {e.GetType().Name}: {e.Message}");
                }
            }
        })).ToArray();
    }

    /// <summary>Queries answered so far (complete or not).</summary>
    public int Answered => Volatile.Read(ref _answered);

    /// <summary>What went wrong, one line a query.</summary>
    public IReadOnlyCollection<string> Failures => _failures;

    /// <summary>The silos that answered some shard.</summary>
    public ICollection<string> AnsweringSilos => _silos.Keys;

    /// <summary>Stops the loops and waits for the queries in flight.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }
}
