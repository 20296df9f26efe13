using SearchEngine.Core.Sharding;

namespace SearchEngine.Cluster.Tests;

public sealed class ShardRoutingTests
{
    [Fact]
    public void The_mix_is_SplitMix64s_published_output_so_every_process_and_run_routes_alike()
    {
        // SplitMix64 seeded with 0 first yields 0xE220A8397B1DCDAF (the reference implementation's first value); the
        // second value mixes 1 as 0x910A2DEC89025CC1. Pinned: a change here moves segments between shards on disk.
        Assert.Equal(0xE220A8397B1DCDAFUL, ShardRouting.Mix(0));
        Assert.Equal(0x910A2DEC89025CC1UL, ShardRouting.Mix(1));
    }

    [Fact]
    public void Shards_of_known_ids_are_pinned()
    {
        // Computed independently (Python, arbitrary-precision integers) from the same three constants.
        int[] expected = [1, 2, 1, 2, 2, 0, 3, 2, 0, 2, 1, 3, 3, 2, 1, 3];
        Assert.Equal(expected, Enumerable.Range(1, 16).Select(id => ShardRouting.ShardOf(id, 4)).ToArray());
        Assert.Equal([2, 4, 2, 0, 5, 4], new long[] { 1, 2, 3, 1000, 123456789, 1L << 62 }.Select(id => ShardRouting.ShardOf(id, 7)).ToArray());
        Assert.Equal(0, ShardRouting.ShardOf(-1, 4));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(16)]
    public void Sequential_segment_ids_spread_evenly_over_the_shards(int shards)
    {
        // Segment ids come from a sequence, so consecutive ids are what a collection really has.
        var counts = new int[shards];
        const int ids = 200_000;
        for (long id = 1; id <= ids; id++)
        {
            counts[ShardRouting.ShardOf(id, shards)]++;
        }

        var mean = (double)ids / shards;
        Assert.All(counts, count => Assert.InRange(count, mean * 0.97, mean * 1.03));
    }

    [Fact]
    public void One_shard_holds_everything_and_bad_counts_are_refused()
    {
        Assert.Equal(0, ShardRouting.ShardOf(987654321, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShardRouting.ShardOf(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShardRouting.ShardOf(1, ShardRouting.MaxShardCount + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Shard(4, 4).Validated());
        Assert.True(new Shard(1, 4).Holds(1));
        Assert.False(new Shard(0, 4).Holds(1));
    }
}
