namespace SearchEngine.Cluster.Status;

/// <summary>One replica of a shard as it reported itself (<see cref="ShardReplicaStatus"/>), or why it did not.</summary>
/// <param name="Replica">The replica's number.</param>
/// <param name="Silo">The silo it runs on; null when it did not answer.</param>
/// <param name="Sequence">The change-log sequence its copy has applied.</param>
/// <param name="Lag">The collection's head sequence minus <paramref name="Sequence"/>.</param>
/// <param name="Vectors">Live vectors in its copy.</param>
/// <param name="Deleted">Deleted entries its copy holds until compaction.</param>
/// <param name="MemoryBytes">Approximate bytes its copy holds.</param>
/// <param name="ActivatedAt">When its activation opened the copy.</param>
/// <param name="Rebuilt">Whether that copy was rebuilt from PostgreSQL rather than loaded from its file.</param>
/// <param name="Problem">Why it did not report (no answer in time, an error); null when it did.</param>
public sealed record ClusterReplicaStatus(
    int Replica, string? Silo, long? Sequence, long? Lag, int? Vectors, int? Deleted, long? MemoryBytes, DateTimeOffset? ActivatedAt, bool? Rebuilt,
    string? Problem);
