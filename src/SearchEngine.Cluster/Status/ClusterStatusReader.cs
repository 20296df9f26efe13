using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SearchEngine.Core;
using SearchEngine.Core.Sharding;
using SearchEngine.Storage.Collections;
using SearchEngine.Storage.Segments;

namespace SearchEngine.Cluster.Status;

/// <summary>
/// Reads the cluster's status from a member (a query API with an Orleans client, or a silo): the silos from the
/// management grain (membership and runtime statistics) and every replica of every sharded collection from
/// <see cref="IShardReplicaGrain.GetStatusAsync"/>, each asked for at most <see cref="ShardedSearchOptions.ShardTimeout"/>.
/// Asking a replica activates it when it is not active, as a query would.
/// </summary>
public sealed class ClusterStatusReader(IGrainFactory grains, CollectionStore collections, SegmentStore segments, IOptions<ShardedSearchOptions> options)
    : IClusterStatusReader
{
    private readonly ShardedSearchOptions _options = options.Value;

    /// <inheritdoc />
    public async Task<ClusterStatus> ReadAsync(CancellationToken cancellationToken = default)
    {
        var nodes = ReadNodesAsync();
        var sharded = (await collections.ListAsync(cancellationToken).ConfigureAwait(false)).Where(c => c.ShardCount > 1).ToList();
        var collectionStatuses = new List<ClusterCollectionStatus>(sharded.Count);
        foreach (var collection in sharded)
        {
            collectionStatuses.Add(await ReadCollectionAsync(collection, cancellationToken).ConfigureAwait(false));
        }

        return new ClusterStatus(ClusterStatus.Cluster, await nodes.ConfigureAwait(false), collectionStatuses);
    }

    private async Task<IReadOnlyList<ClusterNodeStatus>> ReadNodesAsync()
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: false).ConfigureAwait(false);
        var active = hosts.Where(h => h.Status == SiloStatus.Active).Select(h => h.SiloAddress).ToArray();
        var statistics = active.Length == 0 ? [] : await management.GetRuntimeStatistics(active).ConfigureAwait(false);
        var bySilo = active.Zip(statistics).ToDictionary(pair => pair.First, pair => pair.Second);
        return hosts.OrderBy(h => h.SiloAddress)
            .Select(h =>
            {
                var reported = bySilo.GetValueOrDefault(h.SiloAddress);
                return new ClusterNodeStatus(
                    h.SiloAddress.ToString(), h.SiloName, JsonNamingPolicy.SnakeCaseLower.ConvertName(h.Status.ToString()),
                    reported?.EnvironmentStatistics.FilteredMemoryUsageBytes, reported?.ActivationCount);
            })
            .ToList();
    }

    /// <summary>The head is read first, so a replica that caught up since shows no lag rather than a negative one.</summary>
    private async Task<ClusterCollectionStatus> ReadCollectionAsync(CollectionInfo collection, CancellationToken cancellationToken)
    {
        var head = await segments.GetLastSequenceAsync(collection.Id, cancellationToken).ConfigureAwait(false);
        var shards = await Task.WhenAll(Enumerable.Range(0, collection.ShardCount).Select(async shard =>
        {
            var replicas = await Task.WhenAll(Enumerable.Range(0, _options.Replicas).Select(replica =>
                ReadReplicaAsync(new ShardReplicaKey(collection.Name, new Shard(shard, collection.ShardCount), replica), head, cancellationToken)))
                .ConfigureAwait(false);
            return new ClusterShardStatus(shard, replicas);
        })).ConfigureAwait(false);

        var reported = shards.SelectMany(s => s.Replicas).Where(r => r.Sequence is not null).ToList();
        long? sequence = reported.Count == 0 ? null : reported.Min(r => r.Sequence!.Value);
        return new ClusterCollectionStatus(
            collection.Name, collection.ShardCount, head, sequence, sequence is { } reached ? Math.Max(0, head - reached) : null,
            shards.Sum(s => (long)(s.Replicas.FirstOrDefault(r => r.Vectors is not null)?.Vectors ?? 0)),
            reported.Sum(r => r.MemoryBytes ?? 0),
            shards);
    }

    private async Task<ClusterReplicaStatus> ReadReplicaAsync(ShardReplicaKey key, long head, CancellationToken cancellationToken)
    {
        try
        {
            var status = await grains.GetGrain<IShardReplicaGrain>(key.ToString()).GetStatusAsync()
                .WaitAsync(_options.ShardTimeout, cancellationToken).ConfigureAwait(false);
            return new ClusterReplicaStatus(
                key.Replica, status.Silo.ToString(), status.Sequence, Math.Max(0, head - status.Sequence), status.Vectors, status.Deleted, status.MemoryBytes,
                status.ActivatedAt, status.Rebuilt, null);
        }
        catch (TimeoutException)
        {
            return Unreported(key, string.Create(CultureInfo.InvariantCulture, $"no answer within {_options.ShardTimeout.TotalSeconds:0.#} s"));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Unreported(key, e.Message);
        }
    }

    private static ClusterReplicaStatus Unreported(ShardReplicaKey key, string problem) =>
        new(key.Replica, null, null, null, null, null, null, null, null, problem);
}
