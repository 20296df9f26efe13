namespace SearchEngine.Cluster.Status;

/// <summary>How one collection is served and how current its copies are.</summary>
/// <param name="Name">The collection's name.</param>
/// <param name="ShardCount">Its shard count as stored (a single node serves every collection whole, whatever its count).</param>
/// <param name="HeadSequence">The newest sequence of its change log in PostgreSQL.</param>
/// <param name="Sequence">The sequence every copy has reached (the lowest of its replicas'); null when no replica answered.</param>
/// <param name="Lag">How many log sequences the most stale copy is behind: <paramref name="HeadSequence"/> minus <paramref name="Sequence"/>.</param>
/// <param name="Vectors">Live vectors served: one copy's, or the sum over shards of one replica each.</param>
/// <param name="MemoryBytes">Approximate bytes its copies hold, all replicas together.</param>
/// <param name="Shards">Its shards with their replicas; empty for a collection served whole.</param>
public sealed record ClusterCollectionStatus(
    string Name, int ShardCount, long HeadSequence, long? Sequence, long? Lag, long Vectors, long MemoryBytes, IReadOnlyList<ClusterShardStatus> Shards);
