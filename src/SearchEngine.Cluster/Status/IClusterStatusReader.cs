namespace SearchEngine.Cluster.Status;

/// <summary>
/// Reads what serves the collections now (<c>GET /api/cluster</c>). A cluster member reads the silos and the shard
/// replicas (<see cref="ClusterStatusReader"/>); a single node reads its own serving copies (<see cref="SingleNodeStatusReader"/>).
/// </summary>
public interface IClusterStatusReader
{
    /// <summary>The nodes and the served collections with their copies' sequences, lag, vectors and memory.</summary>
    Task<ClusterStatus> ReadAsync(CancellationToken cancellationToken = default);
}
