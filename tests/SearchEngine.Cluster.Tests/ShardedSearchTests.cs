using SearchEngine.Core.Sharding;
using SearchEngine.Storage.Documents;
using SearchEngine.Storage.Segments;

namespace SearchEngine.Cluster.Tests;

/// <summary>Queries fanned out over a three-silo cluster agree with one process serving the whole collection.</summary>
public sealed class ShardedSearchTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    // Far above any shard's size (about 200 segments), so every search visits its whole graph: the answers are exact
    // and do not depend on how each graph happened to be built.
    private const int Ef = 1000;
    private const int K = 10;

    private static readonly ShardedSearchOptions Patient = new()
    {
        Replicas = 2,
        ShardTimeout = TimeSpan.FromSeconds(30),
        ReplicaTimeout = TimeSpan.FromSeconds(15),
    };

    [Fact]
    public async Task The_fanned_out_top_10_equals_the_single_node_top_10_of_the_same_collection()
    {
        var search = fixture.Search(Patient);
        var folder = TestCollection.TemporaryFolder();
        try
        {
            using var whole = await TestCollection.CollectionLoader(fixture.DataSource, folder).OpenAsync(fixture.Collection);
            var live = await TestCollection.LiveSegmentsAsync(fixture.DataSource, fixture.Collection.Id);
            Assert.Equal(ClusterFixture.Documents * 2, live.Count);
            var random = new Random(7);
            var replicas = new HashSet<int>();
            for (var query = 0; query < 8; query++)
            {
                var vector = TestCollection.Vector(random);
                var singleNode = whole.Index.Search(vector, K, new Core.Vectors.VectorSearchOptions { Ef = Ef }).Select(h => h.Id).ToArray();

                var result = await search.SearchAsync(fixture.Collection, vector, K, Ef);

                Assert.False(result.Partial);
                Assert.Equal([0, 1, 2, 3], result.AnsweredShards);
                Assert.Equal(singleNode, result.Hits.Select(h => h.SegmentId).ToArray());
                Assert.Equal(TestCollection.ExactTop(live, vector, K), singleNode);
                Assert.All(result.Answers, a => Assert.All(a.Hits, h => Assert.Equal(a.Shard, ShardRouting.ShardOf(h.SegmentId, ClusterFixture.Shards))));
                Assert.True(result.Hits.Zip(result.Hits.Skip(1)).All(pair => pair.First.Score >= pair.Second.Score));
                replicas.UnionWith(result.Answers.Select(a => a.Replica));
            }

            // Round robin over the replicas: both served queries.
            Assert.Equal([0, 1], replicas.Order());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_shards_replicas_sit_on_different_silos_and_every_silo_hosts_some()
    {
        var search = fixture.Search(Patient);
        var vector = TestCollection.Vector(new Random(3));
        var hosts = new HashSet<string>();
        for (var shard = 0; shard < ClusterFixture.Shards; shard++)
        {
            var silos = new List<string>();
            for (var replica = 0; replica < Patient.Replicas; replica++)
            {
                var key = new ShardReplicaKey(fixture.Collection.Name, new Shard(shard, ClusterFixture.Shards), replica);
                silos.Add((await search.Replica(key).SearchAsync(vector, 1, Ef)).Silo);
            }

            Assert.Equal(silos.Count, silos.Distinct().Count());
            hosts.UnionWith(silos);
        }

        Assert.Equal(fixture.Cluster.Silos.Count, hosts.Count);
    }

    [Fact]
    public async Task A_query_of_the_wrong_dimension_is_refused_rather_than_reported_as_missing_shards()
    {
        var search = fixture.Search(Patient);
        await Assert.ThrowsAsync<ArgumentException>(() => search.SearchAsync(fixture.Collection, new float[TestCollection.Dimension - 1], K, Ef));
    }

    [Fact]
    public async Task A_written_segment_is_found_on_its_shard_and_a_deleted_one_is_gone()
    {
        var search = fixture.Search(Patient);
        var documents = new DocumentStore(fixture.DataSource);
        var segments = new SegmentStore(fixture.DataSource);
        var vector = TestCollection.Vector(new Random(99));

        await documents.WriteAsync(fixture.Collection, [TestCollection.Document("fresh.jpg", "fresh", vector)]);
        var written = await segments.GetLastSequenceAsync(fixture.Collection.Id);
        var result = await search.SearchAsync(fixture.Collection, vector, K, Ef, atLeastSequence: written);

        Assert.False(result.Partial);
        var top = result.Hits[0];
        Assert.InRange(top.Score, 0.9999f, 1.0001f);
        Assert.All(result.Answers, a => Assert.True(a.Sequence >= written));
        var shard = ShardRouting.ShardOf(top.SegmentId, ClusterFixture.Shards);
        Assert.Contains(result.Answers.Single(a => a.Shard == shard).Hits, h => h.SegmentId == top.SegmentId);

        await documents.DeleteAsync(fixture.Collection.Id, ["fresh.jpg"]);
        var deleted = await segments.GetLastSequenceAsync(fixture.Collection.Id);
        // Both replicas of every shard must drop it, whichever the round robin asks.
        for (var round = 0; round < 2; round++)
        {
            var after = await search.SearchAsync(fixture.Collection, vector, K, Ef, atLeastSequence: deleted);
            Assert.False(after.Partial);
            Assert.DoesNotContain(after.Hits, h => h.SegmentId == top.SegmentId);
        }
    }
}
