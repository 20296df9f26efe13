namespace SearchEngine.Cluster;

/// <summary>How a query fans out over a collection's shards (configuration section <c>Cluster:Search</c>).</summary>
public sealed class ShardedSearchOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Cluster:Search";

    /// <summary>Replicas per shard (default 2): each query asks one, and another when it fails.</summary>
    public int Replicas { get; set; } = 2;

    /// <summary>
    /// The longest a query waits for one shard, over all its replicas (default 2 s). A shard that has not answered by
    /// then is left out and the result is marked partial: a lost silo costs completeness, never a hung query.
    /// </summary>
    public TimeSpan ShardTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The longest one replica is waited for before the next is asked (default 1 s), so a replica on a silo that died
    /// without closing its connections leaves time to ask another within <see cref="ShardTimeout"/>.
    /// </summary>
    public TimeSpan ReplicaTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a query waits before asking a shard's replicas again when every one of them failed at once (default
    /// 100 ms): right after a silo dies or while a replica moves, a call can fail fast (a stale directory entry, a
    /// message that could not be forwarded) although the shard is served; rounds go on until <see cref="ShardTimeout"/>.
    /// </summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);
}
