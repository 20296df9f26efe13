using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using SearchEngine.Collections;
using SearchEngine.Storage.Collections;
using SearchEngine.Storage.Serving;

namespace SearchEngine.Cluster;

/// <summary>
/// Hosts one shard replica's serving copy (see <see cref="IShardReplicaGrain"/>). Placed by
/// <see cref="ShardReplicaPlacement"/>, so a shard's replicas sit on different silos. Reentrant: searches only read the
/// index (which allows searches during updates), so they never queue behind a catch-up waiting on PostgreSQL. When the
/// member list changes it moves to where the placement now puts it (ShardReplicaGrain.Rebalancing.cs).
/// </summary>
[ShardReplicaPlacement]
[Reentrant]
public sealed partial class ShardReplicaGrain(
    CollectionStore collections, ShardIndexLoader loader, ServingCopyStore servingCopies, IClusterMembershipService membership,
    ILocalSiloDetails silo, IOptions<ShardReplicaOptions> options, ILogger<ShardReplicaGrain> logger) : Grain, IShardReplicaGrain
{
    private readonly ShardReplicaOptions _options = options.Value;
    private ShardReplicaKey _key;
    private ShardIndex? _copy;
    private long _savedSequence;
    private Task? _catchingUp;
    private DateTimeOffset _activatedAt;

    /// <summary>Opens the shard's copy: the replica answers nothing until it is current with the log as of now.</summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = ShardReplicaKey.Parse(this.GetPrimaryKeyString());
        var collection = await collections.GetByNameAsync(_key.Collection, cancellationToken)
            ?? throw new InvalidOperationException($"Collection '{_key.Collection}' does not exist.");
        if (collection.ShardCount != _key.Shard.Count)
        {
            throw new InvalidOperationException(
                $"Collection '{collection.Name}' has {collection.ShardCount} shards; replica {_key} was asked for {_key.Shard.Count}.");
        }

        _copy = await loader.OpenAsync(collection, _key.Shard, _key.Replica, cancellationToken);
        _savedSequence = _copy.Sequence;
        _activatedAt = DateTimeOffset.UtcNow;
        LogActivated(_key.ToString(), _copy.Index.Count, _copy.Sequence, RuntimeIdentity);
        this.RegisterGrainTimer(OnTimerAsync, new GrainTimerCreationOptions(_options.CatchUpInterval, _options.CatchUpInterval)
        {
            Interleave = true,
            KeepAlive = _options.KeepActive,
        });
        await RecordAsync(cancellationToken);
    }

    /// <summary>Saves the copy when it moved since it was loaded, so the next activation replays less, then frees it.</summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A catch-up applies its batches off the grain's scheduler: let it finish before the copy is saved and freed.
        if (_catchingUp is { IsCompleted: false } running)
        {
            try
            {
                await running.WaitAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogCatchUpFailed(_key.ToString(), e.Message);
            }
        }

        if (_copy is { } copy && (_catchingUp is null || _catchingUp.IsCompleted))
        {
            if (copy.Sequence != _savedSequence)
            {
                copy.Save();
            }

            copy.Dispose();
            _copy = null;
        }
    }

    /// <inheritdoc />
    public async Task<ShardAnswer> SearchAsync(float[] vector, int k, int ef, long atLeastSequence = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(vector);
        var copy = Copy;
        if (copy.Sequence < atLeastSequence)
        {
            await CatchUpOnceAsync(cancellationToken);
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var found = copy.Search(vector, k, ef);
        var hits = new ShardHit[found.Count];
        for (var i = 0; i < hits.Length; i++)
        {
            hits[i] = new ShardHit(found[i].Id, found[i].Similarity);
        }

        return new ShardAnswer(_key.Shard.Index, _key.Replica, hits, copy.Sequence, RuntimeIdentity)
        {
            SearchMilliseconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds,
        };
    }

    /// <inheritdoc />
    public async Task<long> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        await CatchUpOnceAsync(cancellationToken);
        return Copy.Sequence;
    }

    /// <inheritdoc />
    public Task<ShardReplicaStatus> GetStatusAsync()
    {
        var copy = Copy;
        return Task.FromResult(new ShardReplicaStatus(
            _key.ToString(), silo.SiloAddress, copy.Index.Count, copy.Index.DeletedCount, copy.Sequence, copy.Index.MemoryBytes, _activatedAt, copy.Rebuilt));
    }

    /// <inheritdoc />
    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    private ShardIndex Copy => _copy ?? throw new InvalidOperationException($"Replica {_key} is not open.");

    /// <summary>
    /// One catch-up at a time: the timer and callers that need a sequence share the one in flight. A log pruned past the
    /// copy (it fell too far behind) deactivates the replica, whose next activation rebuilds it.
    /// </summary>
    private Task CatchUpOnceAsync(CancellationToken cancellationToken)
    {
        if (_catchingUp is { IsCompleted: false } running)
        {
            return running.WaitAsync(cancellationToken);
        }

        _catchingUp = RunCatchUpAsync();
        return _catchingUp.WaitAsync(cancellationToken);
    }

    private async Task RunCatchUpAsync()
    {
        try
        {
            await Copy.CatchUpAsync();
        }
        catch (ChangeLogPrunedException e)
        {
            LogPruned(_key.ToString(), e.Message);
            DeactivateOnIdle();
            throw;
        }

        await RecordAsync(CancellationToken.None);
    }

    private async Task OnTimerAsync(CancellationToken cancellationToken)
    {
        try
        {
            await CatchUpOnceAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // PostgreSQL away: keep serving what the copy holds; answers carry its sequence, so staleness is visible.
            LogCatchUpFailed(_key.ToString(), e.Message);
        }

        if (_options.Rebalance)
        {
            await MoveWhenMisplacedAsync(cancellationToken);
        }
    }

    private async Task RecordAsync(CancellationToken cancellationToken)
    {
        if (!_options.RecordServingCopies || _copy is null)
        {
            return;
        }

        try
        {
            await servingCopies.RecordAsync($"shard-replica:{_key}", _copy.Collection.Id, _copy.Sequence, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogCatchUpFailed(_key.ToString(), $"recording the serving copy failed: {e.Message}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard replica {Replica} is serving {Count} vectors at sequence {Sequence} on {Silo}")]
    private partial void LogActivated(string replica, int count, long sequence, string silo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard replica {Replica} fell behind the pruned change log and deactivates to rebuild: {Reason}")]
    private partial void LogPruned(string replica, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard replica {Replica} could not catch up and serves what it holds: {Reason}")]
    private partial void LogCatchUpFailed(string replica, string reason);
}
