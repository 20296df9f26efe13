using SearchEngine.Serving;
using SearchEngine.Storage.Segments;

namespace SearchEngine.Cluster.Status;

/// <summary>
/// The status of a query API that is not a cluster member: this process is the one node, and the collections it has
/// opened (<see cref="ICollectionServing.Served"/>) are served whole, each with its copy's sequence against the head of
/// its change log. Starts nothing: a collection no query has opened yet is not listed.
/// </summary>
public sealed class SingleNodeStatusReader(ICollectionServing serving, SegmentStore segments) : IClusterStatusReader
{
    /// <inheritdoc />
    public async Task<ClusterStatus> ReadAsync(CancellationToken cancellationToken = default)
    {
        var collections = new List<ClusterCollectionStatus>();
        foreach (var served in serving.Served.OrderBy(s => s.Info.Name, StringComparer.Ordinal))
        {
            var head = await segments.GetLastSequenceAsync(served.Info.Id, cancellationToken).ConfigureAwait(false);
            var index = served.Index;
            var sequence = index.LastSequence;
            collections.Add(new ClusterCollectionStatus(served.Info.Name, served.Info.ShardCount, head, sequence, Math.Max(0, head - sequence), index.Count, index.MemoryBytes, []));
        }

        var node = new ClusterNodeStatus(Environment.MachineName, AppDomain.CurrentDomain.FriendlyName, "active", Environment.WorkingSet, null);
        return new ClusterStatus(ClusterStatus.SingleNode, [node], collections);
    }
}
