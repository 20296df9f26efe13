using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using SearchEngine.Core;
using SearchEngine.Core.Sharding;
using SearchEngine.Storage;
using SearchEngine.Testing;
using SearchEngine.Testing.Cluster;

namespace SearchEngine.Cluster.Tests.Processes;

/// <summary>
/// Three <c>searchengine-silo</c> processes on loopback over a fresh PostgreSQL database holding one sharded collection,
/// their member list in PostgreSQL, and an Orleans client in this process with a <see cref="ShardedSearch"/>. Every
/// replica is activated before the cluster is handed over, and where each one sits is recorded.
/// </summary>
internal sealed class ProcessCluster : IAsyncDisposable
{
    public const int SiloCount = 3;

    private readonly PostgresDatabase _database = new();
    private readonly List<SiloProcess> _silos = [];
    private readonly string _folder = TestCollection.TemporaryFolder();
    private IHost? _client;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public CollectionInfo Collection { get; private set; } = null!;

    public IReadOnlyList<SiloProcess> Silos => _silos;

    public string ConnectionString => _database.ConnectionString;

    /// <summary>The fan-out the load runs through: answers within its shard timeout or names the shard missing.</summary>
    public ShardedSearch Search { get; private set; } = null!;

    public ShardedSearchOptions SearchOptions { get; private set; } = null!;

    /// <summary>Where each replica was activated: the endpoint (<see cref="SiloProcess.Endpoint"/>) of its silo.</summary>
    public IReadOnlyDictionary<ShardReplicaKey, string> Placement { get; private set; } = new Dictionary<ShardReplicaKey, string>();

    /// <summary>A fan-out over the same client with other options (e.g. patient ones, to check what was written).</summary>
    public ShardedSearch SearchWith(ShardedSearchOptions options) =>
        new(_client!.Services.GetRequiredService<IClusterClient>(), Options.Create(options));

    public static async Task<ProcessCluster> StartAsync(int shards, int documents, int replicas, ShardedSearchOptions search, Action<string> output)
    {
        var cluster = new ProcessCluster();
        try
        {
            await cluster.InitializeAsync(shards, documents, replicas, search, output);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private async Task InitializeAsync(int shards, int documents, int replicas, ShardedSearchOptions search, Action<string> output)
    {
        await _database.InitializeAsync();
        DataSource = await TestCollection.OpenAsync(_database);
        Collection = await TestCollection.CreateAsync(DataSource, "killed", shards, documents, seed: 15);
        var clusterId = $"kill-{Guid.NewGuid():N}"[..16];
        var assembly = SiloProcess.RecordedAssembly(typeof(ProcessCluster).Assembly);
        for (var i = 0; i < SiloCount; i++)
        {
            _silos.Add(SiloProcess.Start(new SiloProcessOptions
            {
                Assembly = assembly,
                ConnectionString = ConnectionString,
                IndexFolder = Path.Combine(_folder, $"silo{i}"),
                ClusterId = clusterId,
                Name = $"silo{i}",
                // Replicas move to where placement puts them for this many replicas a shard: the same count as queried.
                Settings = new Dictionary<string, string>(SiloProcessOptions.FastFailureDetection, StringComparer.Ordinal)
                {
                    ["Cluster:Replicas:ReplicasPerShard"] = replicas.ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
                Output = output,
            }));
        }

        foreach (var silo in _silos)
        {
            await silo.WaitUntilActiveAsync(TimeSpan.FromMinutes(2));
        }

        SearchOptions = search;
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // A replica that does not answer is what this test causes on purpose; its warnings would drown the output.
        builder.Logging.AddFilter("SearchEngine.Cluster.ShardedSearch", LogLevel.Error);
        builder.Services.AddSearchEngineStorage(o => o.ConnectionString = ConnectionString);
        builder.Services.AddSearchEngineShardedSearch(o => (o.Replicas, o.ShardTimeout, o.ReplicaTimeout) = (search.Replicas, search.ShardTimeout, search.ReplicaTimeout));
        builder.UseOrleansClient(client => client.UseSearchEnginePostgresClustering()
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, clusterId))
            // The client drops a dead gateway when its connection fails; this only makes it see new ones sooner.
            .Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(2)));
        _client = builder.Build();
        await _client.StartAsync();
        Search = _client.Services.GetRequiredService<ShardedSearch>();
        await PlaceReplicasAsync(shards, replicas);
    }

    /// <summary>
    /// Activates every replica once all silos see each other (placement follows each silo's member list), and records
    /// where each landed.
    /// </summary>
    private async Task PlaceReplicasAsync(int shards, int replicas)
    {
        var management = _client!.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
        await Eventually.ThatAsync(async () => (await management.GetHosts(onlyActive: true)).Count == SiloCount, TimeSpan.FromMinutes(1),
            "the silos do not all see each other as active");
        var placement = new Dictionary<ShardReplicaKey, string>();
        var probe = new float[Collection.Dimension];
        probe[0] = 1;
        for (var s = 0; s < shards; s++)
        {
            for (var r = 0; r < replicas; r++)
            {
                var key = new ShardReplicaKey(Collection.Name, new Shard(s, shards), r);
                var answer = await Search.Replica(key).SearchAsync(probe, 1, 16);
                placement[key] = _silos.Single(silo => answer.Silo.Contains(silo.Endpoint + ":", StringComparison.Ordinal)).Endpoint;
            }
        }

        Placement = placement;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            try
            {
                await _client.StopAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception e) when (e is OperationCanceledException or OrleansException)
            {
                // The silos may already be gone; stopping the client is cleanup.
            }

            _client.Dispose();
        }

        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        if (DataSource is not null)
        {
            await DataSource.DisposeAsync();
        }

        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
