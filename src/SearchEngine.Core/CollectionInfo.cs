namespace SearchEngine.Core;

/// <summary>A named set of documents embedded with one model pack.</summary>
/// <param name="Id">Database id.</param>
/// <param name="Name">Unique, user-facing name.</param>
/// <param name="PackId">Id of the model pack every vector in the collection comes from.</param>
/// <param name="PackFingerprint">Fingerprint of that pack's files; another fingerprint means another vector space.</param>
/// <param name="Dimension">Embedding dimension.</param>
/// <param name="CreatedAt">Creation time.</param>
public sealed record CollectionInfo(long Id, string Name, string PackId, string PackFingerprint, int Dimension, DateTimeOffset CreatedAt)
{
    /// <summary>
    /// How many shards the collection's serving copies are split into (1: one unsharded copy); segments are routed to
    /// shards by <see cref="Sharding.ShardRouting"/>. An init property rather than a positional one, so every existing
    /// construction stays an unsharded collection.
    /// </summary>
    public int ShardCount { get; init; } = 1;
}
