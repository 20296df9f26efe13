namespace SearchEngine.Cluster;

/// <summary>What one shard replica answered to a query.</summary>
/// <param name="Shard">The shard's index.</param>
/// <param name="Replica">The replica that answered.</param>
/// <param name="Hits">The shard's top-k, nearest first.</param>
/// <param name="Sequence">The change-log sequence the replica had applied when it searched: how fresh the answer is.</param>
/// <param name="Silo">The silo that hosts the replica (for operators and tests).</param>
[GenerateSerializer, Immutable]
public sealed record ShardAnswer(
    [property: Id(0)] int Shard,
    [property: Id(1)] int Replica,
    [property: Id(2)] IReadOnlyList<ShardHit> Hits,
    [property: Id(3)] long Sequence,
    [property: Id(4)] string Silo)
{
    /// <summary>
    /// How long the replica's own search took, in milliseconds (catch-up wait excluded), so a caller can tell the
    /// fan-out's transport and merge from the shard's work; 0 from a replica that did not measure it.
    /// </summary>
    [Id(5)]
    public double SearchMilliseconds { get; init; }
}
