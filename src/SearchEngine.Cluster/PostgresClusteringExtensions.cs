using Microsoft.Extensions.DependencyInjection;
using Orleans.Messaging;
using SearchEngine.Cluster;

#pragma warning disable IDE0130 // Orleans' clustering extensions live in Orleans.Hosting by convention.
namespace Orleans.Hosting;
#pragma warning restore IDE0130

/// <summary>Membership of the search cluster in the project's PostgreSQL (migration V006), for silos and for clients.</summary>
public static class PostgresClusteringExtensions
{
    /// <summary>
    /// Keeps the silo's membership in <c>cluster_members</c> (<see cref="PostgresMembershipTable"/>). The storage layer
    /// (<c>AddSearchEngineStorage</c>) must be added too, under a role that may write those two tables.
    /// </summary>
    public static ISiloBuilder UseSearchEnginePostgresClustering(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IMembershipTable, PostgresMembershipTable>();
        return builder;
    }

    /// <summary>Finds the cluster's gateways in <c>cluster_members</c> (<see cref="PostgresGatewayListProvider"/>); the storage layer must be added too.</summary>
    public static IClientBuilder UseSearchEnginePostgresClustering(this IClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IGatewayListProvider, PostgresGatewayListProvider>();
        return builder;
    }
}
