using System.Diagnostics;
using Npgsql;
using Orleans.TestingHost;
using SearchEngine.Core.Sharding;

namespace SearchEngine.Cluster.Tests;

/// <summary>A silo killed under a query costs completeness for a while, never a hung query.</summary>
public sealed class FailoverTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private const int Ef = 1000;
    private const int K = 10;

    [Fact]
    public async Task A_killed_silo_gives_partial_results_quickly_and_full_results_once_its_shards_reactivate()
    {
        // One replica per shard, so nothing can stand in for a shard whose only replica died with its silo.
        var warm = fixture.Search(new ShardedSearchOptions { Replicas = 1, ShardTimeout = TimeSpan.FromSeconds(30), ReplicaTimeout = TimeSpan.FromSeconds(30) });
        var search = fixture.Search(new ShardedSearchOptions { Replicas = 1, ShardTimeout = TimeSpan.FromSeconds(2), ReplicaTimeout = TimeSpan.FromSeconds(2) });
        var live = await TestCollection.LiveSegmentsAsync(fixture.DataSource, fixture.Collection.Id);
        var vector = TestCollection.Vector(new Random(5));
        var expected = TestCollection.ExactTop(live, vector, K);

        // The primary silo holds the test cluster's membership table and stays up; find a shard placed elsewhere.
        var primary = fixture.Cluster.Silos[0];
        InProcessSiloHandle? victim = null;
        for (var attempt = 0; attempt < 20 && victim is null; attempt++)
        {
            var placed = await warm.SearchAsync(fixture.Collection, vector, K, Ef);
            Assert.False(placed.Partial);
            Assert.Equal(expected, placed.Hits.Select(h => h.SegmentId).ToArray());
            victim = fixture.Cluster.Silos.Skip(1).FirstOrDefault(silo => placed.Answers.Any(a => Hosts(silo, a)));
            if (victim is null)
            {
                // All on the primary (random placement): move them by deactivating, and look again.
                foreach (var answer in placed.Answers)
                {
                    await warm.Replica(new ShardReplicaKey(fixture.Collection.Name, new Shard(answer.Shard, ClusterFixture.Shards), 0)).DeactivateAsync();
                }

                await Task.Delay(200);
            }
        }

        Assert.NotNull(victim);
        var before = await warm.SearchAsync(fixture.Collection, vector, K, Ef);
        var lost = before.Answers.Where(a => Hosts(victim, a)).Select(a => a.Shard).ToList();
        Assert.NotEmpty(lost);

        // The test cluster declares a killed silo dead at once, and a replica of 200 vectors reopens in milliseconds;
        // a replica of a real shard takes minutes to load or rebuild. A lock on collections stands for that: the
        // replacement activations wait on it (they look their collection up first) until it is released.
        await using var loading = await fixture.DataSource.OpenConnectionAsync();
        await using var transaction = await loading.BeginTransactionAsync();
        await using (var lockCollections = new NpgsqlCommand("LOCK TABLE collections IN ACCESS EXCLUSIVE MODE", loading, transaction))
        {
            await lockCollections.ExecuteNonQueryAsync();
        }

        await fixture.Cluster.KillSiloAsync(victim);
        var clock = Stopwatch.StartNew();
        var partial = await search.SearchAsync(fixture.Collection, vector, K, Ef);
        clock.Stop();

        Assert.True(partial.Partial);
        Assert.Subset(partial.MissingShards.ToHashSet(), lost.ToHashSet());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"the partial query took {clock.Elapsed}");
        // What came back is exact for the shards that answered: the top-10 of their segments only.
        var answeredSegments = live.Where(pair => partial.AnsweredShards.Contains(ShardRouting.ShardOf(pair.Key, ClusterFixture.Shards)))
            .ToDictionary(pair => pair.Key, pair => pair.Value);
        Assert.Equal(TestCollection.ExactTop(answeredSegments, vector, K), partial.Hits.Select(h => h.SegmentId).ToArray());

        // Once their copies are open, the lost replicas answer from the surviving silos.
        await transaction.RollbackAsync();
        ShardedSearchResult? full = null;
        var recovery = Stopwatch.StartNew();
        while (recovery.Elapsed < TimeSpan.FromSeconds(90))
        {
            var clockOne = Stopwatch.StartNew();
            var result = await search.SearchAsync(fixture.Collection, vector, K, Ef);
            Assert.True(clockOne.Elapsed < TimeSpan.FromSeconds(6), $"a query during recovery took {clockOne.Elapsed}");
            if (!result.Partial)
            {
                full = result;
                break;
            }

            await Task.Delay(500);
        }

        Assert.NotNull(full);
        Assert.Equal(expected, full.Hits.Select(h => h.SegmentId).ToArray());
        Assert.DoesNotContain(full.Answers, a => Hosts(victim, a));
    }

    private static bool Hosts(SiloHandle silo, ShardAnswer answer) =>
        answer.Silo.Contains(silo.SiloAddress.Endpoint.ToString(), StringComparison.Ordinal);
}
