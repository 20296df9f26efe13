namespace SearchEngine.Core.Sharding;

/// <summary>
/// Which shard of a collection a segment belongs to. The answer must be the same in every process, on every run and on
/// every machine, because a shard's serving copy is rebuilt from PostgreSQL and caught up from the change log by
/// routing each segment on its own: two processes that disagreed would each drop or double a segment. So the hash is a
/// fixed 64-bit mix (SplitMix64's finaliser over the segment id), never <see cref="object.GetHashCode"/> or
/// <see cref="HashCode"/>, which are seeded per process. Segment ids are sequential, and the mix spreads consecutive ids
/// evenly over the shards, so shards stay balanced as a collection grows.
/// </summary>
public static class ShardRouting
{
    /// <summary>The most shards a collection may have (the database's check on <c>collections.shard_count</c>).</summary>
    public const int MaxShardCount = 1024;

    /// <summary>The shard (0 ≤ shard &lt; <paramref name="shardCount"/>) that holds <paramref name="segmentId"/>.</summary>
    public static int ShardOf(long segmentId, int shardCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(shardCount, MaxShardCount);
        return shardCount == 1 ? 0 : (int)(Mix(unchecked((ulong)segmentId)) % (ulong)shardCount);
    }

    /// <summary>
    /// SplitMix64's output function (Steele, Lea and Flood, 2014): a bijection on 64-bit values in which every input bit
    /// affects every output bit. Its constants are part of the on-disk contract of sharded serving copies: changing them
    /// moves segments between shards, so every shard file would have to be rebuilt.
    /// </summary>
    public static ulong Mix(ulong value)
    {
        unchecked
        {
            var z = value + 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
