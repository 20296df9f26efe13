using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Hosting;
using SearchEngine.Retrieval.Candidates;
using SearchEngine.Cluster;
using SearchEngine.Cluster.Status;

#pragma warning disable IDE0130 // Extension methods on IServiceCollection live in its namespace by convention.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the cluster's two sides: the silo that hosts shard replicas, and the client that fans queries out.</summary>
public static class ClusterServiceCollectionExtensions
{
    /// <summary>
    /// Adds what a silo's <see cref="ShardReplicaGrain"/>s need beyond the grain itself (their placement director), with <see cref="ShardReplicaOptions"/>
    /// configured by <paramref name="configure"/>. The storage layer (<c>AddSearchEngineStorage</c>) and the collections'
    /// loaders (<c>AddSearchEngineCollections</c>, whose index folder holds the shards' files) must be added too.
    /// </summary>
    public static IServiceCollection AddSearchEngineShardReplicas(this IServiceCollection services, Action<ShardReplicaOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ShardReplicaOptions>()
            .Validate(o => o.CatchUpInterval > TimeSpan.Zero, "Cluster:Replicas:CatchUpInterval must be positive.");
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddPlacementDirector<ShardReplicaPlacement, ShardReplicaPlacementDirector>();
        return services;
    }

    /// <summary>
    /// Adds <see cref="ShardedSearch"/> (singleton) with <see cref="ShardedSearchOptions"/> configured by
    /// <paramref name="configure"/>, and <see cref="ClusterStatusReader"/> as the <see cref="IClusterStatusReader"/>, for
    /// a process that has an Orleans client (or is a silo).
    /// </summary>
    public static IServiceCollection AddSearchEngineShardedSearch(this IServiceCollection services, Action<ShardedSearchOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ShardedSearchOptions>()
            .Validate(o => o.Replicas >= 1, "Cluster:Search:Replicas must be at least 1.")
            .Validate(o => o.ShardTimeout > TimeSpan.Zero && o.ReplicaTimeout > TimeSpan.Zero, "Cluster:Search timeouts must be positive.")
            .Validate(o => o.RetryDelay > TimeSpan.Zero, "Cluster:Search:RetryDelay must be positive.");
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton<ShardedSearch>();
        services.Replace(ServiceDescriptor.Singleton<IClusterStatusReader, ClusterStatusReader>());
        return services;
    }

    /// <summary>
    /// Routes the query pipeline's vector stage over a sharded collection's shards: adds <see cref="ShardedSearch"/>
    /// (<see cref="AddSearchEngineShardedSearch"/>, configured by <paramref name="configure"/>) and makes
    /// <see cref="ShardedCandidateSearch"/> the <see cref="ICandidateSearch"/>, before or after <c>AddRetrieval</c>.
    /// The process needs an Orleans client (or to be a silo).
    /// </summary>
    public static IServiceCollection AddSearchEngineShardedQueries(this IServiceCollection services, Action<ShardedSearchOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSearchEngineShardedSearch(configure);
        services.TryAddSingleton<LocalCandidateSearch>();
        services.Replace(ServiceDescriptor.Singleton<ICandidateSearch, ShardedCandidateSearch>());
        return services;
    }
}
