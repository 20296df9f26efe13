using System.Diagnostics;
using Xunit.Abstractions;

namespace SearchEngine.Cluster.Tests;

/// <summary>
/// A silo that joins takes its share of the replicas while queries run, and not one query fails or comes back partial.
/// A class fixture of its own: this test grows its cluster to four silos, which the other tests must not see.
/// </summary>
public sealed class RebalancingTests(ClusterFixture fixture, ITestOutputHelper output) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task A_joining_silo_takes_its_replicas_without_a_failed_or_partial_query()
    {
        var scenario = await RebalancingScenario.CreateAsync(fixture, seed: 11);
        var before = fixture.Cluster.Silos.Select(s => s.SiloAddress).ToHashSet();
        await scenario.AssertExactAsync();

        await using var load = scenario.StartLoad();
        await Task.Delay(1000);
        var answeredBeforeJoin = load.Answered;

        var joined = await fixture.Cluster.StartAdditionalSiloAsync();
        var clock = Stopwatch.StartNew();
        var placed = await scenario.PlacedAsync();
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
        RebalancingScenario.AssertReplicasApart(placed);
        Assert.Empty(load.Failures);
        Assert.True(answeredBeforeJoin > 0 && load.Answered > answeredBeforeJoin + 10, $"{answeredBeforeJoin} queries before the join, {load.Answered} in all ({rebalanced} to rebalance)");
        Assert.Contains(load.AnsweringSilos, silo => silo.Contains(joined.SiloAddress.Endpoint.ToString(), StringComparison.Ordinal));
        await scenario.AssertExactAsync();
    }
}
