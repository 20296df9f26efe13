namespace SearchEngine.Silo;

/// <summary>
/// Where this silo listens and how it finds the cluster (configuration section <c>Cluster</c>). Membership is Orleans'
/// development clustering: the silo on <see cref="PrimaryPort"/> keeps the member list, which is enough for silos on
/// one machine (deploy/cluster.sh) and no more: a cluster over several machines needs a membership table that outlives
/// any one silo (see src/SearchEngine.Cluster/README.md).
/// </summary>
public sealed class SiloHostOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Cluster";

    /// <summary>The port silos talk to each other on (default 11111).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>The port clients connect to (default 30000).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The silo port of the primary silo, which keeps the member list (default 11111: this silo is the primary).</summary>
    public int PrimaryPort { get; set; } = 11111;

    /// <summary>The cluster's id: silos and clients with another id never join (default <c>searchengine</c>).</summary>
    public string ClusterId { get; set; } = "searchengine";
}
