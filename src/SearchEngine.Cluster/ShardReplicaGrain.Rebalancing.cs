using Microsoft.Extensions.Logging;

namespace SearchEngine.Cluster;

/// <summary>
/// Rebalancing: a replica that the current member list places on another silo (a silo joined, or one died and the
/// list shrank, or it was reopened beside its shard's other replica after a loss) migrates there, saving its file on the way.
/// Replicas of one shard move one at a time: replica r moves only when the replicas before it are already where the
/// list puts them and every other replica of its shard answers, so a shard always keeps a serving replica.
/// </summary>
public sealed partial class ShardReplicaGrain
{
    private long _moveRequestedAt;

    /// <summary>Starts this replica's move when it is misplaced and its shard can spare it; called on the catch-up timer.</summary>
    private async Task MoveWhenMisplacedAsync(CancellationToken cancellationToken)
    {
        // A move asked for recently is under way (or the director, whose member list may lag this one, kept the replica
        // here): ask again only after the check timeout.
        if (_copy is null || (_moveRequestedAt != 0 && TimeProvider.System.GetElapsedTime(_moveRequestedAt) < _options.RebalanceCheckTimeout))
        {
            return;
        }

        var silos = ActiveSilos();
        if (silos.Count == 0 || ShardReplicaPlacement.SiloFor(_key, silos).Equals(silo.SiloAddress))
        {
            return;
        }

        for (var replica = 0; replica < _options.ReplicasPerShard; replica++)
        {
            if (replica == _key.Replica)
            {
                continue;
            }

            var other = _key with { Replica = replica };
            ShardReplicaStatus status;
            try
            {
                status = await GrainFactory.GetGrain<IShardReplicaGrain>(other.ToString()).GetStatusAsync()
                    .WaitAsync(_options.RebalanceCheckTimeout, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The other replica is not serving (opening, or lost with its silo): moving now could leave the shard bare.
                LogMoveHeld(_key.ToString(), $"replica {other} did not answer ({e.Message})");
                return;
            }

            if (replica < _key.Replica && !status.Silo.Equals(ShardReplicaPlacement.SiloFor(other, silos)))
            {
                LogMoveHeld(_key.ToString(), $"replica {other} moves first");
                return;
            }
        }

        _moveRequestedAt = TimeProvider.System.GetTimestamp();
        LogMoving(_key.ToString(), silo.SiloAddress.ToString(), ShardReplicaPlacement.SiloFor(_key, silos).ToString());
        // The runtime asks the placement director again, which answers from the same function over its member list;
        // OnDeactivateAsync runs first and saves the file, so the copy that opens on the target replays the least it can.
        this.MigrateOnIdle();
    }

    /// <summary>The silos that new activations may be placed on now: the active members of the list.</summary>
    private List<SiloAddress> ActiveSilos() =>
        membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress).ToList();

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard replica {Replica} moves from {From} to {To}, where the member list now places it")]
    private partial void LogMoving(string replica, string from, string to);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Shard replica {Replica} is misplaced but waits: {Reason}")]
    private partial void LogMoveHeld(string replica, string reason);
}
