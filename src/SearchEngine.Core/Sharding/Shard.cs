namespace SearchEngine.Core.Sharding;

/// <summary>One shard of a collection: shard <see cref="Index"/> of <see cref="Count"/>.</summary>
/// <param name="Index">Which shard (0-based).</param>
/// <param name="Count">How many shards the collection is split into.</param>
public readonly record struct Shard(int Index, int Count)
{
    /// <summary>The whole collection as one shard (an unsharded serving copy).</summary>
    public static Shard Whole { get; } = new(0, 1);

    /// <summary>Throws unless 0 ≤ <see cref="Index"/> &lt; <see cref="Count"/> ≤ <see cref="ShardRouting.MaxShardCount"/>.</summary>
    public Shard Validated()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Count, 1, nameof(Count));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Count, ShardRouting.MaxShardCount, nameof(Count));
        ArgumentOutOfRangeException.ThrowIfNegative(Index, nameof(Index));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(Index, Count, nameof(Index));
        return this;
    }

    /// <summary>Whether <paramref name="segmentId"/> belongs to this shard.</summary>
    public bool Holds(long segmentId) => ShardRouting.ShardOf(segmentId, Count) == Index;

    /// <inheritdoc />
    public override string ToString() => $"shard {Index} of {Count}";
}
