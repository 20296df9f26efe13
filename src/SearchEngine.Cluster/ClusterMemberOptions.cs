namespace SearchEngine.Cluster;

/// <summary>
/// Whether a query API is a member of the search cluster, and how it finds it (configuration section <c>Cluster</c>,
/// the same section the silos read, so one file can configure both).
/// </summary>
public sealed class ClusterMemberOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Cluster";

    /// <summary>
    /// Whether the API connects to the cluster (default false): off, no Orleans client starts and every collection is
    /// searched in this process, whatever its shard count.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>Where the member list lives: <c>PostgreSQL</c> (default, migration V006) or <c>Localhost</c> (a gateway on <see cref="GatewayPort"/> of this machine).</summary>
    public string Membership { get; set; } = "PostgreSQL";

    /// <summary>With <c>Localhost</c> membership, the gateway port of a silo on this machine (default 30000).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The cluster's id, as the silos have it (default <c>searchengine</c>).</summary>
    public string ClusterId { get; set; } = "searchengine";

    /// <summary>How queries fan out over the shards (section <c>Cluster:Search</c>).</summary>
    public ShardedSearchOptions Search { get; set; } = new();
}
