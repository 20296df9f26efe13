using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using SearchEngine.Core;
using SearchEngine.Storage;
using SearchEngine.Testing;

namespace SearchEngine.Cluster.Tests;

/// <summary>
/// Three real silos (in this process, on loopback ports) over a fresh PostgreSQL database that holds one collection of
/// <see cref="Shards"/> shards. Membership is tuned to declare a killed silo dead within seconds, so a test can see a
/// replica come back on another silo.
/// </summary>
public class ClusterFixture : IAsyncLifetime
{
    public const int Shards = 4;
    public const int Documents = 400;

    private readonly PostgresDatabase _database = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public CollectionInfo Collection { get; private set; } = null!;

    public string IndexFolder { get; } = TestCollection.TemporaryFolder();

    /// <summary>Whether membership lives in PostgreSQL (migration V006) instead of the test cluster's in-memory table.</summary>
    protected virtual bool PostgresMembership => false;

    /// <summary>A fan-out over the cluster's client with the given options.</summary>
    public ShardedSearch Search(ShardedSearchOptions options) => new(Cluster.Client, Options.Create(options));

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        DataSource = await TestCollection.OpenAsync(_database);
        Collection = await TestCollection.CreateAsync(DataSource, "cluster", Shards, Documents, seed: 42);

        var connectionString = _database.ConnectionString;
        var folder = IndexFolder;
        var builder = new InProcessTestClusterBuilder(3);
        var postgresMembership = PostgresMembership;
        if (postgresMembership)
        {
            // The in-process test cluster keeps this switch internal (its members otherwise live in the first silo's
            // memory); turning it off leaves membership to the silos' own configuration, here PostgreSQL.
            typeof(InProcessTestClusterOptions).GetProperty("UseTestClusterMembership", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)!
                .SetValue(builder.Options, false);
        }

        builder.ConfigureSilo((_, silo) =>
        {
            if (postgresMembership)
            {
                silo.UseSearchEnginePostgresClustering();
            }

            silo.Services.AddSearchEngineStorage(o => o.ConnectionString = connectionString);
            silo.Services.AddSearchEngineCollections(o => o.IndexFolder = folder);
            silo.Services.AddSearchEngineShardReplicas(o => o.CatchUpInterval = TimeSpan.FromMilliseconds(500));
            silo.Services.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
            });
        });
        builder.ConfigureClient(client =>
        {
            if (postgresMembership)
            {
                client.Services.AddSearchEngineStorage(o => o.ConnectionString = connectionString);
                client.UseSearchEnginePostgresClustering();
            }
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await DataSource.DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(IndexFolder, recursive: true);
    }
}
