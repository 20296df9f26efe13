namespace SearchEngine.Cluster;

/// <summary>
/// One replica of one shard of a collection, keyed by <see cref="ShardReplicaKey"/>. It holds the shard's serving copy
/// in memory (opened from its index file or rebuilt from PostgreSQL on activation) and keeps it current from the
/// change log with a timer, so any silo can host it and a replica lost with its silo comes back on another.
/// </summary>
public interface IShardReplicaGrain : IGrainWithStringKey
{
    /// <summary>
    /// The shard's <paramref name="k"/> nearest segments to <paramref name="vector"/>, searched with a candidate list
    /// of <paramref name="ef"/>. When the copy has not yet applied <paramref name="atLeastSequence"/> it catches up first
    /// (a caller that just wrote reads its write); 0 takes the copy as it is.
    /// </summary>
    Task<ShardAnswer> SearchAsync(float[] vector, int k, int ef, long atLeastSequence = 0, CancellationToken cancellationToken = default);

    /// <summary>Catches up from the change log now and returns the sequence the copy has applied.</summary>
    Task<long> CatchUpAsync(CancellationToken cancellationToken = default);

    /// <summary>Where the replica runs and what its copy holds (activating it, like any call, when it is not active).</summary>
    Task<ShardReplicaStatus> GetStatusAsync();

    /// <summary>Saves the copy's index file and deactivates the replica (it reactivates, wherever placed, on the next call).</summary>
    Task DeactivateAsync();
}
