namespace SearchEngine.Silo;

/// <summary>
/// Where this silo listens and how it finds the cluster (configuration section <c>Cluster</c>).
/// </summary>
public sealed class SiloHostOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Cluster";

    /// <summary>
    /// Where the member list lives: <c>PostgreSQL</c> (default; migration V006, outlives any silo, works across
    /// machines) or <c>Localhost</c> (Orleans' development clustering: the silo on <see cref="PrimaryPort"/> keeps it,
    /// so one machine only and the cluster ends with that silo).
    /// </summary>
    public string Membership { get; set; } = "PostgreSQL";

    /// <summary>The address other silos and clients reach this one on (default 127.0.0.1).</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>The port silos talk to each other on (default 11111).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>The port clients connect to (default 30000).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>With <c>Localhost</c> membership, the silo port of the silo that keeps the member list (default 11111).</summary>
    public int PrimaryPort { get; set; } = 11111;

    /// <summary>The cluster's id: silos and clients with another id never join (default <c>searchengine</c>).</summary>
    public string ClusterId { get; set; } = "searchengine";
}
