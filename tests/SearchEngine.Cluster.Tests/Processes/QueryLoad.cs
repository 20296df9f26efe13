using System.Collections.Concurrent;
using System.Diagnostics;
using SearchEngine.Core;

namespace SearchEngine.Cluster.Tests.Processes;

/// <summary>
/// Query workers that search the collection back to back until stopped, recording every query's outcome on a shared
/// clock: when it started, how long it took, whether it was partial, which silos answered, and what it threw.
/// </summary>
internal sealed class QueryLoad : IAsyncDisposable
{
    private const int K = 10;
    private const int Ef = 64;
    private readonly ConcurrentQueue<QueryOutcome> _outcomes = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;

    public QueryLoad(ShardedSearch search, CollectionInfo collection, int workers, Stopwatch clock)
    {
        _workers = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var random = new Random(1000 + w);
            while (!_stop.IsCancellationRequested)
            {
                var vector = TestCollection.Vector(random);
                var started = clock.Elapsed;
                try
                {
                    var result = await search.SearchAsync(collection, vector, K, Ef);
                    _outcomes.Enqueue(new QueryOutcome(started, clock.Elapsed - started, result.MissingShards, result.Answers.Select(a => a.Silo).ToArray(), null));
                }
#pragma warning disable CA1031 // Any exception is an outcome the test asserts on, not something to handle here.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    _outcomes.Enqueue(new QueryOutcome(started, clock.Elapsed - started, [], [], e));
                }
            }
        })).ToArray();
    }

    /// <summary>Every outcome so far.</summary>
    public IReadOnlyList<QueryOutcome> Outcomes => _outcomes.ToArray();

    /// <summary>Stops the workers and waits for their queries in flight.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
        _stop.Dispose();
    }
}

/// <summary>One query of a <see cref="QueryLoad"/>; times are on the load's clock.</summary>
internal sealed record QueryOutcome(TimeSpan Started, TimeSpan Took, IReadOnlyList<int> MissingShards, IReadOnlyList<string> Silos, Exception? Error)
{
    public TimeSpan Ended => Started + Took;

    /// <summary>Every shard answered and nothing was thrown.</summary>
    public bool Full => Error is null && MissingShards.Count == 0;
}
