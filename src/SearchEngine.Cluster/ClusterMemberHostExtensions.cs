using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Hosting;
using SearchEngine.Cluster;
using SearchEngine.Cluster.Status;

#pragma warning disable IDE0130 // Host builder extensions live in its namespace by convention.
namespace Microsoft.Extensions.Hosting;
#pragma warning restore IDE0130

/// <summary>Makes a query API a member of the search cluster, or leaves it a single node, from one switch.</summary>
public static class ClusterMemberHostExtensions
{
    /// <summary>
    /// With <see cref="ClusterMemberOptions.Enabled"/> (set by <paramref name="configure"/>), starts an Orleans client
    /// that finds the silos through the configured membership and routes sharded collections' vector stage through
    /// them (<c>AddSearchEngineShardedQueries</c>); without it, adds nothing: no Orleans starts and queries stay on
    /// this process's serving copies. Decided at registration, since whether a client runs is not a runtime choice. Either
    /// way an <see cref="IClusterStatusReader"/> is registered: <see cref="ClusterStatusReader"/> over the silos, or
    /// <see cref="SingleNodeStatusReader"/> over this process's served collections.
    /// </summary>
    public static TBuilder AddSearchEngineClusterMember<TBuilder>(this TBuilder builder, Action<ClusterMemberOptions>? configure = null)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var member = new ClusterMemberOptions();
        configure?.Invoke(member);
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(member));
        if (!member.Enabled)
        {
            builder.Services.TryAddSingleton<IClusterStatusReader, SingleNodeStatusReader>();
            return builder;
        }

        builder.UseOrleansClient(client =>
        {
            switch (member.Membership)
            {
                case "PostgreSQL":
                    client.UseSearchEnginePostgresClustering();
                    break;
                case "Localhost":
                    client.UseLocalhostClustering(member.GatewayPort, member.ClusterId, member.ClusterId);
                    break;
                default:
                    throw new InvalidOperationException($"Cluster:Membership is '{member.Membership}': use PostgreSQL or Localhost.");
            }

            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (member.ClusterId, member.ClusterId));
        });
        builder.Services.AddSearchEngineShardedQueries(o =>
        {
            o.Replicas = member.Search.Replicas;
            o.ShardTimeout = member.Search.ShardTimeout;
            o.ReplicaTimeout = member.Search.ReplicaTimeout;
            o.RetryDelay = member.Search.RetryDelay;
        });
        return builder;
    }
}
