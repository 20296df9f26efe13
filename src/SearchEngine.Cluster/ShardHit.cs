namespace SearchEngine.Cluster;

/// <summary>One segment a shard found for a query.</summary>
/// <param name="SegmentId">The segment.</param>
/// <param name="Score">Cosine similarity to the query (higher is nearer), comparable across shards of one collection.</param>
[GenerateSerializer, Immutable]
public readonly record struct ShardHit([property: Id(0)] long SegmentId, [property: Id(1)] float Score);
