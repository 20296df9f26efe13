using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using SearchEngine.Cluster;
using SearchEngine.Collections;
using SearchEngine.Silo;
using SearchEngine.Storage;

// A silo of the search cluster: it hosts shard replicas (their index files under Search:IndexFolder, which should be
// this silo's own folder) and reads PostgreSQL, whose schema the indexer owns (searchengine-indexer migrate).
var builder = Host.CreateApplicationBuilder(args);
var connectionString = builder.Configuration.GetConnectionString("Search")
    ?? throw new InvalidOperationException("No PostgreSQL connection string: set ConnectionStrings:Search (environment variable ConnectionStrings__Search).");
var silo = builder.Configuration.GetSection(SiloHostOptions.SectionName).Get<SiloHostOptions>() ?? new SiloHostOptions();

builder.Services.AddSearchEngineStorage(o =>
{
    builder.Configuration.GetSection("Storage").Bind(o);
    o.ConnectionString = connectionString;
    o.StatementTimeout ??= TimeSpan.FromSeconds(30);
});
builder.Services.AddSearchEngineCollections(o => builder.Configuration.GetSection(CollectionIndexOptions.SectionName).Bind(o));
builder.Services.AddSearchEngineShardReplicas(o => builder.Configuration.GetSection(ShardReplicaOptions.SectionName).Bind(o));
// A replica builds its shard's index while it activates, which can outlast Orleans' default activation timeout on a
// large shard: Orleans:GrainCollection (e.g. ActivationTimeout) may raise it.
builder.Services.Configure<GrainCollectionOptions>(builder.Configuration.GetSection("Orleans:GrainCollection"));
// How fast a silo that stops answering is declared dead, which is when its replicas reactivate on the others:
// Orleans:Membership (ClusterMembershipOptions: ProbeTimeout, NumMissedProbesLimit, NumVotesForDeathDeclaration, …).
// Orleans' defaults take tens of seconds and tolerate a slow network; a test cluster on loopback can be much quicker.
builder.Services.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection("Orleans:Membership"));
builder.UseOrleans(orleans =>
{
    if (string.Equals(silo.Membership, "Localhost", StringComparison.OrdinalIgnoreCase))
    {
        orleans.UseLocalhostClustering(
            silo.SiloPort, silo.GatewayPort, new IPEndPoint(IPAddress.Loopback, silo.PrimaryPort), serviceId: silo.ClusterId, clusterId: silo.ClusterId);
        return;
    }

    if (!string.Equals(silo.Membership, "PostgreSQL", StringComparison.OrdinalIgnoreCase))
    {
        throw new InvalidOperationException($"Cluster:Membership is '{silo.Membership}': use PostgreSQL or Localhost.");
    }

    orleans.UseSearchEnginePostgresClustering()
        .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (silo.ClusterId, silo.ClusterId))
        .ConfigureEndpoints(IPAddress.Parse(silo.AdvertisedAddress), silo.SiloPort, silo.GatewayPort, listenOnAnyHostAddress: false);
});

await builder.Build().RunAsync();
