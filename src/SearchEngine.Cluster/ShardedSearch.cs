using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SearchEngine.Core;
using SearchEngine.Core.Sharding;

namespace SearchEngine.Cluster;

/// <summary>
/// Runs a vector query over a sharded collection: asks one replica of every shard at once (replicas taken in turn, so
/// load spreads; another asked when one fails or is slow), waits at most <see cref="ShardedSearchOptions.ShardTimeout"/>
/// for each shard, and merges the shards' top-k into the collection's. The merge is exact: shards partition the
/// segments and each returns its own top-k, so the collection's top-k is among them. A shard that does not answer in
/// time is named in <see cref="ShardedSearchResult.MissingShards"/> rather than waited for.
/// </summary>
public sealed partial class ShardedSearch(IGrainFactory grains, IOptions<ShardedSearchOptions> options, ILogger<ShardedSearch>? logger = null)
{
    private readonly ShardedSearchOptions _options = options.Value;
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;
    private int _turn;

    /// <summary>The replica grain of <paramref name="key"/>.</summary>
    public IShardReplicaGrain Replica(ShardReplicaKey key) => grains.GetGrain<IShardReplicaGrain>(key.ToString());

    /// <summary>
    /// The collection's <paramref name="k"/> nearest segments to <paramref name="vector"/>, each shard searched with a
    /// candidate list of <paramref name="ef"/>; <paramref name="atLeastSequence"/> as for
    /// <see cref="IShardReplicaGrain.SearchAsync"/>.
    /// </summary>
    public Task<ShardedSearchResult> SearchAsync(
        CollectionInfo collection, float[] vector, int k, int ef, long atLeastSequence = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(vector);
        // Checked here: a replica would refuse it too, and the fan-out would report every shard missing, not a bad query.
        if (vector.Length != collection.Dimension)
        {
            throw new ArgumentException($"The query has {vector.Length} dimensions, collection '{collection.Name}' {collection.Dimension}.", nameof(vector));
        }

        return SearchAsync(collection.Name, collection.ShardCount, vector, k, ef, atLeastSequence, cancellationToken);
    }

    /// <summary>As <see cref="SearchAsync(CollectionInfo, float[], int, int, long, CancellationToken)"/>, by name and shard count.</summary>
    public async Task<ShardedSearchResult> SearchAsync(
        string collection, int shardCount, float[] vector, int k, int ef, long atLeastSequence = 0, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(collection);
        ArgumentNullException.ThrowIfNull(vector);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.Replicas, 1);
        var first = (int)((uint)Interlocked.Increment(ref _turn) % (uint)_options.Replicas);
        var asked = new Task<ShardAnswer?>[shardCount];
        for (var shard = 0; shard < shardCount; shard++)
        {
            asked[shard] = AskShardAsync(collection, new Shard(shard, shardCount).Validated(), first, vector, k, ef, atLeastSequence, cancellationToken);
        }

        var answers = await Task.WhenAll(asked).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var answered = new List<ShardAnswer>(shardCount);
        var missing = new List<int>();
        for (var shard = 0; shard < shardCount; shard++)
        {
            if (answers[shard] is { } answer)
            {
                answered.Add(answer);
            }
            else
            {
                missing.Add(shard);
            }
        }

        return new ShardedSearchResult(Merge(answered, k), answered, missing);
    }

    /// <summary>The top <paramref name="k"/> of the shards' hits: highest score first, ties by segment id so the order is stable.</summary>
    public static IReadOnlyList<ShardHit> Merge(IEnumerable<ShardAnswer> answers, int k)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return answers.SelectMany(a => a.Hits)
            .OrderByDescending(h => h.Score)
            .ThenBy(h => h.SegmentId)
            .Take(k)
            .ToList();
    }

    /// <summary>
    /// Asks the shard's replicas in turn from <paramref name="first"/> until one answers, each for at most
    /// <see cref="ShardedSearchOptions.ReplicaTimeout"/> and all for at most <see cref="ShardedSearchOptions.ShardTimeout"/>;
    /// when all failed, again after <see cref="ShardedSearchOptions.RetryDelay"/> while that time lasts; null when none
    /// answered. A replica left waiting keeps running: its late answer is dropped.
    /// </summary>
    private async Task<ShardAnswer?> AskShardAsync(
        string collection, Shard shard, int first, float[] vector, int k, int ef, long atLeastSequence, CancellationToken cancellationToken)
    {
        using var shardDeadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        shardDeadline.CancelAfter(_options.ShardTimeout);
        while (!shardDeadline.IsCancellationRequested)
        {
            if (await AskReplicasOnceAsync(collection, shard, first, vector, k, ef, atLeastSequence, shardDeadline.Token, cancellationToken).ConfigureAwait(false) is { } answer)
            {
                return answer;
            }

            try
            {
                await Task.Delay(_options.RetryDelay, shardDeadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return null;
    }

    /// <summary>One round over the shard's replicas from <paramref name="first"/>: the first answer, or null when each failed or timed out.</summary>
    private async Task<ShardAnswer?> AskReplicasOnceAsync(
        string collection, Shard shard, int first, float[] vector, int k, int ef, long atLeastSequence, CancellationToken shardDeadline, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < _options.Replicas && !shardDeadline.IsCancellationRequested; attempt++)
        {
            var replica = (first + attempt) % _options.Replicas;
            var key = new ShardReplicaKey(collection, shard, replica);
            using var replicaDeadline = CancellationTokenSource.CreateLinkedTokenSource(shardDeadline);
            replicaDeadline.CancelAfter(_options.ReplicaTimeout);
            try
            {
                return await Replica(key).SearchAsync(vector, k, ef, atLeastSequence, replicaDeadline.Token)
                    .WaitAsync(replicaDeadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                LogReplicaFailed(key.ToString(), "no answer in time");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogReplicaFailed(key.ToString(), e.Message);
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard replica {Replica} did not answer: {Reason}")]
    private partial void LogReplicaFailed(string replica, string reason);
}
