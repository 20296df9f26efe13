using System.Diagnostics;
using Xunit.Abstractions;

namespace SearchEngine.Cluster.Tests;

/// <summary>
/// A silo that joins takes its share of the replicas while queries run, and not one query fails or comes back partial.
/// A class fixture of its own: this test grows its cluster to four silos, which the other tests must not see.
/// </summary>
public sealed class RebalancingTests(ClusterFixture fixture, ITestOutputHelper output) : IClassFixture<ClusterFixture>
{
    private const int Replicas = 2;
    private const int Ef = 1000;
    private const int K = 10;

    [Fact]
    public async Task A_joining_silo_takes_its_replicas_without_a_failed_or_partial_query()
    {
        // Patient enough that a loaded test machine does not time out a healthy replica; a moving replica that does not
        // answer in time is replaced by its shard's other replica, which is what the test checks is always there.
        var search = fixture.Search(new ShardedSearchOptions
        {
            Replicas = Replicas,
            ReplicaTimeout = TimeSpan.FromSeconds(3),
            ShardTimeout = TimeSpan.FromSeconds(20),
        });
        var live = await TestCollection.LiveSegmentsAsync(fixture.DataSource, fixture.Collection.Id);
        var random = new Random(11);
        var queries = Enumerable.Range(0, 16).Select(_ => TestCollection.Vector(random)).ToArray();
        var expected = queries.Select(q => TestCollection.ExactTop(live, q, K)).ToArray();

        await Placement.WaitAsync(fixture, Replicas, TimeSpan.FromSeconds(60));
        var before = fixture.Cluster.Silos.Select(s => s.SiloAddress).ToHashSet();
        for (var i = 0; i < queries.Length; i++)
        {
            var result = await search.SearchAsync(fixture.Collection, queries[i], K, Ef);
            Assert.False(result.Partial);
            Assert.Equal(expected[i], result.Hits.Select(h => h.SegmentId).ToArray());
        }

        await using var load = new ExactQueryLoad(search, fixture.Collection, queries, expected, K, Ef);
        await Task.Delay(1000);
        var answeredBeforeJoin = load.Answered;

        var joined = await fixture.Cluster.StartAdditionalSiloAsync();
        var clock = Stopwatch.StartNew();
        var placed = await Placement.WaitAsync(fixture, Replicas, TimeSpan.FromSeconds(90));
        var rebalanced = clock.Elapsed;
        // Queries keep running a while on the new layout before the load stops.
        await Task.Delay(2000);
        await load.StopAsync();

        output.WriteLine($"rebalanced in {rebalanced.TotalSeconds:F1} s; {load.Answered} queries ({answeredBeforeJoin} before the join); answering silos: {string.Join(", ", load.AnsweringSilos)}");
        Assert.Equal(4, fixture.Cluster.Silos.Count);
        Assert.DoesNotContain(joined.SiloAddress, before);
        var silos = fixture.Cluster.Silos.Select(s => s.SiloAddress).ToList();
        Assert.All(placed, status => Assert.Equal(ShardReplicaPlacement.SiloFor(ShardReplicaKey.Parse(status.Key), silos), status.Silo));
        Assert.Contains(placed, status => status.Silo.Equals(joined.SiloAddress));
        // A shard's two replicas sit on two silos.
        Assert.All(placed.GroupBy(status => ShardReplicaKey.Parse(status.Key).Shard.Index), shard => Assert.Equal(Replicas, shard.Select(s => s.Silo).Distinct().Count()));
        Assert.Empty(load.Failures);
        Assert.True(answeredBeforeJoin > 0 && load.Answered > answeredBeforeJoin + 10, $"{answeredBeforeJoin} queries before the join, {load.Answered} in all ({rebalanced} to rebalance)");
        Assert.Contains(load.AnsweringSilos, silo => silo.Contains(joined.SiloAddress.Endpoint.ToString(), StringComparison.Ordinal));

        for (var i = 0; i < queries.Length; i++)
        {
            var result = await search.SearchAsync(fixture.Collection, queries[i], K, Ef);
            Assert.False(result.Partial);
            Assert.Equal(expected[i], result.Hits.Select(h => h.SegmentId).ToArray());
        }
    }
}
