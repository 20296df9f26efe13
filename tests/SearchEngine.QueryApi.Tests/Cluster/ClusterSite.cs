using System.Globalization;
using Npgsql;
using SearchEngine.Storage.Collections;
using SearchEngine.Testing.Cluster;

namespace SearchEngine.QueryApi.Tests.Cluster;

/// <summary>
/// <see cref="SampleCollection"/> set to <see cref="Shards"/> shards, served by <see cref="SiloCount"/> real
/// <c>searchengine-silo</c> processes (member list in PostgreSQL, one replica per shard, fast failure detection), and two
/// real query APIs over the same database: <see cref="Clustered"/> joined to the silos (<c>Cluster:Enabled</c>), and
/// <see cref="SingleNode"/> without the cluster, which searches the whole collection in its own process and is what the
/// clustered answers must equal.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync, which disposes the factories.")]
public sealed class ClusterSite : IAsyncLifetime
{
    public const string Collection = SampleCollection.Name;
    public const int Shards = 4;
    public const int SiloCount = 3;

    /// <summary>
    /// The clustered API's shard timeout: much shorter than the silos take to declare a killed one dead with probes every
    /// <see cref="ProbeTimeout"/>, so a query right after a kill meets the lost shard still unplaced.
    /// </summary>
    public static readonly TimeSpan ShardTimeout = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The silos' probe period: long enough that a killed silo is not declared dead and its replica reactivated within
    /// <see cref="ShardTimeout"/>, so the query right after the kill must find its shard missing. With one-second probes
    /// one run saw the shard served again 0.84 s after the kill (no partial answer to see); with four, 4.4 and 5.8 s.
    /// </summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(4);

    private const string ProbeTimeoutKey = "Orleans:Membership:ProbeTimeout";

    private readonly SampleCollection _collection = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("searchengine-cluster-site-").FullName;
    private readonly List<SiloProcess> _silos = [];
    private QueryApiFactory? _clustered;
    private QueryApiFactory? _singleNode;

    public SampleCorpus Corpus => _collection.Corpus;

    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>The query API joined to the silos: the collection's vector stage fans out to its shard replicas.</summary>
    public HttpClient Clustered { get; private set; } = null!;

    /// <summary>The query API with the cluster off: the same collection searched whole in this process.</summary>
    public HttpClient SingleNode { get; private set; } = null!;

    /// <summary>What the silos last wrote, for a failure message.</summary>
    public string SiloTails => string.Join("\n", _silos.Select(s => $"--- {s.Options.Name} ({s.Endpoint}) ---\n{s.Tail}"));

    public async Task InitializeAsync()
    {
        await _collection.InitializeAsync();
        await SetShardCountAsync();
        var clusterId = $"e2e-{Guid.NewGuid():N}"[..16];
        var assembly = SiloProcess.RecordedAssembly(typeof(ClusterSite).Assembly);
        for (var i = 0; i < SiloCount; i++)
        {
            _silos.Add(SiloProcess.Start(new SiloProcessOptions
            {
                Assembly = assembly,
                ConnectionString = _collection.ConnectionString,
                IndexFolder = Path.Combine(_folder, $"silo{i}"),
                ClusterId = clusterId,
                Name = $"silo{i}",
                // The silos place and move replicas for as many replicas a shard as the API asks.
                Settings = new Dictionary<string, string>(SiloProcessOptions.FastFailureDetection, StringComparer.Ordinal)
                {
                    ["Cluster:Replicas:ReplicasPerShard"] = "1",
                    [ProbeTimeoutKey] = ProbeTimeout.ToString("c", CultureInfo.InvariantCulture),
                },
            }));
        }

        foreach (var silo in _silos)
        {
            await silo.WaitUntilActiveAsync(TimeSpan.FromMinutes(2));
        }

        // Its own index folder: the single node rebuilds its copy from PostgreSQL rather than sharing the clustered API's file.
        _singleNode = new QueryApiFactory(With(("Search:IndexFolder", Path.Combine(_folder, "single-node-index"))));
        _clustered = new QueryApiFactory(With(
            ("Cluster:Enabled", "true"),
            ("Cluster:Membership", "PostgreSQL"),
            ("Cluster:ClusterId", clusterId),
            ("Cluster:Search:Replicas", "1"),
            ("Cluster:Search:ShardTimeout", ShardTimeout.ToString("c", CultureInfo.InvariantCulture)),
            ("Cluster:Search:ReplicaTimeout", (ShardTimeout / 2).ToString("c", CultureInfo.InvariantCulture))));
        SingleNode = _singleNode.CreateClient();
        Clustered = _clustered.CreateClient();
    }

    public async Task DisposeAsync()
    {
        SingleNode?.Dispose();
        Clustered?.Dispose();
        if (_clustered is not null)
        {
            await _clustered.DisposeAsync();
        }

        if (_singleNode is not null)
        {
            await _singleNode.DisposeAsync();
        }

        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        await _collection.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    // Before either API opens the collection: an API reads the shard count with the collection when it first serves it.
    private async Task SetShardCountAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(_collection.ConnectionString);
        var store = new CollectionStore(dataSource);
        var info = await store.GetByNameAsync(Collection) ?? throw new InvalidOperationException($"Indexing made no collection '{Collection}'.");
        _ = await store.SetShardCountAsync(info.Id, Shards) ?? throw new InvalidOperationException($"Collection '{Collection}' vanished.");
    }

    private Dictionary<string, string?> With(params (string Key, string? Value)[] settings)
    {
        var merged = new Dictionary<string, string?>(_collection.ApiSettings);
        foreach (var (key, value) in settings)
        {
            merged[key] = value;
        }

        return merged;
    }
}
