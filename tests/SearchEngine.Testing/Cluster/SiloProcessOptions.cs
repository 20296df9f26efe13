namespace SearchEngine.Testing.Cluster;

/// <summary>How to start one <c>searchengine-silo</c> process (see <see cref="SiloProcess"/>).</summary>
public sealed class SiloProcessOptions
{
    /// <summary>
    /// Settings that make silos declare a dead one dead in seconds: probed every second, suspected after two missed
    /// probes, dead on two votes (Orleans' default count), and replicas catching up every 200 ms. Orleans' own defaults
    /// take tens of seconds, longer than a test should wait for a killed silo's replicas to reactivate.
    /// </summary>
    public static IReadOnlyDictionary<string, string> FastFailureDetection { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Orleans:Membership:ProbeTimeout"] = "00:00:01",
        ["Orleans:Membership:NumMissedProbesLimit"] = "2",
        ["Orleans:Membership:NumVotesForDeathDeclaration"] = "2",
        ["Orleans:Membership:TableRefreshTimeout"] = "00:00:02",
        ["Cluster:Replicas:CatchUpInterval"] = "00:00:00.200",
    };

    /// <summary>The built silo: <c>searchengine-silo.dll</c>, run with <c>dotnet</c>.</summary>
    public required string Assembly { get; init; }

    /// <summary>The PostgreSQL the silo reads collections from and keeps the member list in.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>The silo's own folder of shard index files (created when missing).</summary>
    public required string IndexFolder { get; init; }

    /// <summary>The cluster's id: only silos and clients with the same id meet.</summary>
    public required string ClusterId { get; init; }

    /// <summary>The port silos talk to this one on; 0 picks a free one.</summary>
    public int SiloPort { get; init; }

    /// <summary>The port clients connect to; 0 picks a free one.</summary>
    public int GatewayPort { get; init; }

    /// <summary>A name for the silo's output lines (e.g. <c>silo0</c>).</summary>
    public string Name { get; init; } = "silo";

    /// <summary>
    /// More configuration for the silo, by configuration key (<c>Orleans:Membership:ProbeTimeout</c>): passed as
    /// environment variables, which the silo's host reads over its appsettings.json.
    /// </summary>
    public IDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Receives each line the silo writes (stdout and stderr), prefixed with <see cref="Name"/>; null drops them.</summary>
    public Action<string>? Output { get; init; }
}
