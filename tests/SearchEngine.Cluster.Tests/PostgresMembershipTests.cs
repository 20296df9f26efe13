using Dapper;
using Orleans.Runtime;

namespace SearchEngine.Cluster.Tests;

/// <summary>The cluster of <see cref="ClusterFixture"/> with its member list in PostgreSQL instead of the test cluster's memory.</summary>
public sealed class PostgresMembershipClusterFixture : ClusterFixture
{
    protected override bool PostgresMembership => true;
}

/// <summary>Silos find each other, and clients find them, through PostgreSQL; the list outlives the first silo.</summary>
public sealed class PostgresMembershipTests(PostgresMembershipClusterFixture fixture) : IClassFixture<PostgresMembershipClusterFixture>
{
    private const int Ef = 1000;
    private const int K = 10;

    [Fact]
    public async Task Silos_join_through_PostgreSQL_and_a_killed_first_silo_is_declared_dead_there_while_queries_go_on()
    {
        var clusterId = fixture.Cluster.Options.ClusterId;
        var members = await MembersAsync(clusterId);
        Assert.Equal(3, members.Count(m => m.Status == (int)SiloStatus.Active));
        Assert.All(fixture.Cluster.Silos, silo => Assert.Contains(members, m => m.Address == silo.SiloAddress.ToParsableString()));

        var search = fixture.Search(new ShardedSearchOptions { Replicas = 2, ShardTimeout = TimeSpan.FromSeconds(30), ReplicaTimeout = TimeSpan.FromSeconds(10) });
        var live = await TestCollection.LiveSegmentsAsync(fixture.DataSource, fixture.Collection.Id);
        var vector = TestCollection.Vector(new Random(11));
        var expected = TestCollection.ExactTop(live, vector, K);
        var before = await search.SearchAsync(fixture.Collection, vector, K, Ef);
        Assert.False(before.Partial);
        Assert.Equal(expected, before.Hits.Select(h => h.SegmentId).ToArray());

        // The first silo is nothing special here: with the list in PostgreSQL, the others carry on without it.
        var first = fixture.Cluster.Silos[0];
        var address = first.SiloAddress.ToParsableString();
        await fixture.Cluster.KillSiloAsync(first);
        var declared = false;
        for (var attempt = 0; attempt < 120 && !declared; attempt++)
        {
            await Task.Delay(500);
            declared = (await MembersAsync(clusterId)).Single(m => m.Address == address).Status == (int)SiloStatus.Dead;
        }

        Assert.True(declared, "the killed silo was not declared dead in cluster_members within a minute");
        Assert.Equal(2, (await MembersAsync(clusterId)).Count(m => m.Status == (int)SiloStatus.Active));

        ShardedSearchResult? after = null;
        for (var attempt = 0; attempt < 60 && after is not { Partial: false }; attempt++)
        {
            after = await search.SearchAsync(fixture.Collection, vector, K, Ef);
        }

        Assert.NotNull(after);
        Assert.False(after.Partial);
        Assert.Equal(expected, after.Hits.Select(h => h.SegmentId).ToArray());
        Assert.DoesNotContain(after.Answers, a => a.Silo.Contains(first.SiloAddress.Endpoint.ToString(), StringComparison.Ordinal));
    }

    private async Task<List<(string Address, int Status)>> MembersAsync(string clusterId)
    {
        await using var connection = await fixture.DataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<(string Address, int Status)>(
            "SELECT address, status FROM cluster_members WHERE cluster_id = @clusterId", new { clusterId })).ToList();
    }
}
