using SearchEngine.Core.Sharding;

namespace SearchEngine.Cluster.Tests;

public sealed class ShardReplicaKeyTests
{
    [Theory]
    [InlineData("photos")]
    [InlineData("team/photos of 2024")]
    [InlineData("a/3of4/r1")]
    public void A_key_reads_back_as_written_whatever_the_collection_is_named(string collection)
    {
        var key = new ShardReplicaKey(collection, new Shard(3, 4), 1);
        Assert.Equal(key, ShardReplicaKey.Parse(key.ToString()));
    }

    [Fact]
    public void The_key_names_collection_shard_count_and_replica()
    {
        Assert.Equal("photos/2of8/r0", new ShardReplicaKey("photos", new Shard(2, 8), 0).ToString());
    }

    [Theory]
    [InlineData("photos")]
    [InlineData("photos/2of8")]
    [InlineData("/2of8/r0")]
    [InlineData("photos/2of/r0")]
    [InlineData("photos/8of8/r0")]
    [InlineData("photos/2of8/x0")]
    [InlineData("photos/-1of8/r0")]
    public void A_malformed_key_is_refused(string key)
    {
        Assert.Throws<FormatException>(() => ShardReplicaKey.Parse(key));
    }
}
