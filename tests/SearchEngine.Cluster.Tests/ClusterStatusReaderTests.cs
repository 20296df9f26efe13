using Microsoft.Extensions.Options;
using SearchEngine.Cluster.Status;
using SearchEngine.Core.Sharding;
using SearchEngine.Storage.Collections;
using SearchEngine.Storage.Documents;
using SearchEngine.Storage.Segments;

namespace SearchEngine.Cluster.Tests;

/// <summary>The cluster's status, as GET /api/cluster reports it, read from a real three-silo cluster.</summary>
public sealed class ClusterStatusReaderTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private const int Replicas = 2;

    [Fact]
    public async Task The_status_lists_the_silos_and_every_replica_with_its_silo_sequence_lag_vectors_and_memory()
    {
        var segments = new SegmentStore(fixture.DataSource);
        var reader = new ClusterStatusReader(
            fixture.Cluster.Client, new CollectionStore(fixture.DataSource), segments,
            Options.Create(new ShardedSearchOptions { Replicas = Replicas, ShardTimeout = TimeSpan.FromSeconds(30) }));

        var status = await reader.ReadAsync();

        Assert.Equal(ClusterStatus.Cluster, status.Mode);
        var silos = fixture.Cluster.Silos.Select(s => s.SiloAddress).ToList();
        Assert.Equal(silos.Select(s => s.ToString()).Order(), status.Nodes.Select(n => n.Address).Order());
        Assert.All(status.Nodes, node =>
        {
            Assert.Equal("active", node.Status);
            Assert.True(node.MemoryBytes > 0, $"{node.Address} reported {node.MemoryBytes} bytes");
            Assert.True(node.Activations > 0, $"{node.Address} reported {node.Activations} activations");
        });

        var collection = Assert.Single(status.Collections);
        var head = await segments.GetLastSequenceAsync(fixture.Collection.Id);
        Assert.Equal(fixture.Collection.Name, collection.Name);
        Assert.Equal(ClusterFixture.Shards, collection.ShardCount);
        Assert.Equal(head, collection.HeadSequence);
        Assert.Equal(Enumerable.Range(0, ClusterFixture.Shards), collection.Shards.Select(s => s.Shard));
        var live = await TestCollection.LiveSegmentsAsync(fixture.DataSource, fixture.Collection.Id);
        foreach (var shard in collection.Shards)
        {
            Assert.Equal(Enumerable.Range(0, Replicas), shard.Replicas.Select(r => r.Replica));
            var inShard = live.Keys.Count(id => ShardRouting.ShardOf(id, ClusterFixture.Shards) == shard.Shard);
            foreach (var replica in shard.Replicas)
            {
                Assert.Null(replica.Problem);
                var key = new ShardReplicaKey(fixture.Collection.Name, new Shard(shard.Shard, ClusterFixture.Shards), replica.Replica);
                Assert.Equal(ShardReplicaPlacement.SiloFor(key, silos).ToString(), replica.Silo);
                // A replica catches up when it activates, and nothing was written since.
                Assert.Equal(head, replica.Sequence);
                Assert.Equal(0, replica.Lag);
                Assert.Equal(inShard, replica.Vectors);
                Assert.Equal(0, replica.Deleted);
                Assert.True(replica.MemoryBytes > inShard * TestCollection.Dimension * sizeof(float), $"{key}: {replica.MemoryBytes} bytes");
                Assert.NotNull(replica.ActivatedAt);
            }
        }

        Assert.Equal(live.Count, collection.Vectors);
        Assert.Equal(head, collection.Sequence);
        Assert.Equal(0, collection.Lag);
        Assert.Equal(collection.Shards.Sum(s => s.Replicas.Sum(r => r.MemoryBytes!.Value)), collection.MemoryBytes);

        // A write moves the head; the replicas' lag is measured against it until they catch up.
        var random = new Random(3);
        await new DocumentStore(fixture.DataSource).WriteAsync(fixture.Collection,
            [TestCollection.Document("new.jpg", "status-new", TestCollection.Vector(random), TestCollection.Vector(random))]);
        var written = await segments.GetLastSequenceAsync(fixture.Collection.Id);
        Assert.True(written > head);
        var behind = Assert.Single((await reader.ReadAsync()).Collections);
        Assert.Equal(written, behind.HeadSequence);
        Assert.All(behind.Shards.SelectMany(s => s.Replicas), r => Assert.Equal(written - r.Sequence, r.Lag));

        foreach (var key in collection.Shards.SelectMany(s => s.Replicas.Select(r => new ShardReplicaKey(fixture.Collection.Name, new Shard(s.Shard, ClusterFixture.Shards), r.Replica))))
        {
            await fixture.Search(new ShardedSearchOptions()).Replica(key).CatchUpAsync();
        }

        var caughtUp = Assert.Single((await reader.ReadAsync()).Collections);
        Assert.Equal(0, caughtUp.Lag);
        Assert.Equal(live.Count + 2, caughtUp.Vectors);
        Assert.All(caughtUp.Shards.SelectMany(s => s.Replicas), r => Assert.Equal((written, 0L), (r.Sequence!.Value, r.Lag!.Value)));
    }
}
