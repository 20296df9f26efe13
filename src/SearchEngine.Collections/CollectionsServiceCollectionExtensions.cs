using SearchEngine.Collections;

#pragma warning disable IDE0130 // Extension methods on IServiceCollection live in its namespace by convention.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers collections' serving copies.</summary>
public static class CollectionsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="CollectionIndexLoader"/>, <see cref="ShardIndexLoader"/>, <see cref="ThumbnailStore"/> and <see cref="ThumbnailCollector"/> (singletons) with
    /// <see cref="CollectionIndexOptions"/> configured by <paramref name="configure"/>; the storage layer must be added too.
    /// </summary>
    public static IServiceCollection AddSearchEngineCollections(this IServiceCollection services, Action<CollectionIndexOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<CollectionIndexOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton<CollectionIndexLoader>();
        services.AddSingleton<ShardIndexLoader>();
        services.AddSingleton<ThumbnailStore>();
        services.AddSingleton<ThumbnailCollector>();
        return services;
    }
}
