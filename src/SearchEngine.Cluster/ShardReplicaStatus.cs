namespace SearchEngine.Cluster;

/// <summary>What one shard replica holds and where it runs, for operators and for rebalancing.</summary>
/// <param name="Key">The replica's grain key (<see cref="ShardReplicaKey"/>).</param>
/// <param name="Silo">The silo its activation runs on.</param>
/// <param name="Vectors">Live vectors in its copy.</param>
/// <param name="Deleted">Removed or replaced entries its copy still holds until compaction.</param>
/// <param name="Sequence">The change-log sequence its copy has applied.</param>
/// <param name="MemoryBytes">Approximate bytes its copy holds (<see cref="Core.Vectors.IVectorIndex.MemoryBytes"/>).</param>
/// <param name="ActivatedAt">When this activation opened its copy.</param>
/// <param name="Rebuilt">Whether the copy was rebuilt from PostgreSQL on activation rather than loaded from its file.</param>
[GenerateSerializer, Immutable]
public sealed record ShardReplicaStatus(
    [property: Id(0)] string Key,
    [property: Id(1)] SiloAddress Silo,
    [property: Id(2)] int Vectors,
    [property: Id(3)] int Deleted,
    [property: Id(4)] long Sequence,
    [property: Id(5)] long MemoryBytes,
    [property: Id(6)] DateTimeOffset ActivatedAt,
    [property: Id(7)] bool Rebuilt);
