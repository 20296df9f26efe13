using System.Diagnostics;
using Xunit.Abstractions;

namespace SearchEngine.Cluster.Tests;

/// <summary>
/// A silo lost under load: its replicas reopen on the survivors and every replica settles where the shorter member list
/// places it, then spreads out again when a silo joins, and throughout each shard has a replica that answers.
/// A class fixture of its own: this test kills a silo and adds one.
/// </summary>
public sealed class LossRebalancingTests(ClusterFixture fixture, ITestOutputHelper output) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task After_a_lost_silo_replicas_follow_the_shorter_list_and_spread_out_again_when_a_silo_joins()
    {
        var scenario = await RebalancingScenario.CreateAsync(fixture, seed: 13);
        await using var load = scenario.StartLoad();
        await Task.Delay(1000);

        // The primary silo holds the test cluster's membership table and stays up.
        var victim = fixture.Cluster.Silos[^1];
        await fixture.Cluster.KillSiloAsync(victim);
        var clock = Stopwatch.StartNew();
        var shrunk = await scenario.PlacedAsync();
        var settledAfterLoss = clock.Elapsed;
        Assert.Equal(2, fixture.Cluster.Silos.Count);
        Assert.DoesNotContain(shrunk, status => status.Silo.Equals(victim.SiloAddress));
        // Over two silos a shard's two replicas still sit on two silos.
        RebalancingScenario.AssertReplicasApart(shrunk);

        var joined = await fixture.Cluster.StartAdditionalSiloAsync();
        clock.Restart();
        var grown = await scenario.PlacedAsync();
        var settledAfterJoin = clock.Elapsed;
        await Task.Delay(1000);
        await load.StopAsync();

        output.WriteLine($"settled {settledAfterLoss.TotalSeconds:F1} s after the loss, {settledAfterJoin.TotalSeconds:F1} s after the join; " +
            $"{load.Answered} queries, {load.Failures.Count} not complete and exact: {string.Join("; ", load.Failures.Take(5))}");
        Assert.Contains(grown, status => status.Silo.Equals(joined.SiloAddress));
        RebalancingScenario.AssertReplicasApart(grown);
        // Queries to the killed silo's replicas fall to their shard's other replica within the replica timeout: none is
        // partial, and the moves that follow take one replica of a shard at a time.
        Assert.Empty(load.Failures);
        Assert.True(load.Answered > 20, $"{load.Answered} queries");
        await scenario.AssertExactAsync();
    }
}
