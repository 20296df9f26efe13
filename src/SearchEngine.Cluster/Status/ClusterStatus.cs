namespace SearchEngine.Cluster.Status;

/// <summary>What serves the collections now: the nodes and, per collection, its copies and how far behind they are.</summary>
/// <param name="Mode"><see cref="SingleNode"/> (this process serves every collection) or <see cref="Cluster"/> (silos serve shard replicas).</param>
/// <param name="Nodes">The processes that serve: this one, or the cluster's silos.</param>
/// <param name="Collections">The collections served, by name.</param>
public sealed record ClusterStatus(string Mode, IReadOnlyList<ClusterNodeStatus> Nodes, IReadOnlyList<ClusterCollectionStatus> Collections)
{
    /// <summary>The mode of a query API that is not a cluster member.</summary>
    public const string SingleNode = "single-node";

    /// <summary>The mode of a query API whose sharded collections are served by silos.</summary>
    public const string Cluster = "cluster";
}
