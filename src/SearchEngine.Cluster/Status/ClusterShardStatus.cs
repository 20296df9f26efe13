namespace SearchEngine.Cluster.Status;

/// <summary>One shard of a sharded collection and its replicas.</summary>
/// <param name="Shard">The shard's index.</param>
/// <param name="Replicas">Its replicas, by replica number.</param>
public sealed record ClusterShardStatus(int Shard, IReadOnlyList<ClusterReplicaStatus> Replicas);
