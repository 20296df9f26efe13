using System.Diagnostics;
using SearchEngine.Core.Sharding;

namespace SearchEngine.Cluster.Tests;

/// <summary>Waits for every replica of the fixture's collection to run where the placement puts it over the silos now.</summary>
internal static class Placement
{
    /// <summary>Polls every replica's status until each runs on <see cref="ShardReplicaPlacement.SiloFor"/> of the cluster's silos; fails after <paramref name="limit"/>.</summary>
    public static async Task<ShardReplicaStatus[]> WaitAsync(ClusterFixture fixture, int replicas, TimeSpan limit)
    {
        var search = fixture.Search(new ShardedSearchOptions());
        var keys = Enumerable.Range(0, ClusterFixture.Shards)
            .SelectMany(s => Enumerable.Range(0, replicas).Select(r => new ShardReplicaKey(fixture.Collection.Name, new Shard(s, ClusterFixture.Shards), r)))
            .ToArray();
        var clock = Stopwatch.StartNew();
        ShardReplicaStatus?[] statuses = [];
        while (clock.Elapsed < limit)
        {
            statuses = await Task.WhenAll(keys.Select(key => StatusOrNullAsync(search.Replica(key))));
            var silos = fixture.Cluster.Silos.Select(s => s.SiloAddress).ToList();
            if (statuses.All(status => status is not null && status.Silo.Equals(ShardReplicaPlacement.SiloFor(ShardReplicaKey.Parse(status.Key), silos))))
            {
                return statuses!;
            }

            await Task.Delay(500);
        }

        Assert.Fail($"the replicas did not reach their placement within {limit}: {string.Join(", ", statuses.Select(s => s is null ? "(no answer)" : $"{s.Key} on {s.Silo}"))}");
        return [];
    }

    /// <summary>A replica's status, or null while it cannot answer (its silo just died, it is reopening).</summary>
    private static async Task<ShardReplicaStatus?> StatusOrNullAsync(IShardReplicaGrain replica)
    {
        try
        {
            return await replica.GetStatusAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or OperationCanceledException)
        {
            return null;
        }
    }
}
