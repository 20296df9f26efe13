using Microsoft.Extensions.DependencyInjection;
using SearchEngine.Maps;

#pragma warning disable IDE0130 // Extension methods on IServiceCollection live in its namespace by convention.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the embedding maps.</summary>
public static class MapsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="CollectionMaps"/>, <see cref="MapBuilder"/>, <see cref="MapFile"/> (singletons) and the
    /// <see cref="MapRefreshService"/>, with <see cref="MapOptions"/> bound to the <c>Maps</c> section. Needs the storage
    /// (<c>AddSearchEngineStorage</c>) and collections (<c>AddSearchEngineCollections</c>) services.
    /// </summary>
    public static IServiceCollection AddSearchEngineMaps(this IServiceCollection services, Action<MapOptions>? configure = null)
    {
        var options = services.AddOptions<MapOptions>().BindConfiguration(MapOptions.SectionName)
            .Validate(o => o.RecomputeFraction is >= 0 and <= 1, "Maps:RecomputeFraction must be between 0 and 1.")
            .Validate(o => o.PlacementNeighbours >= 1, "Maps:PlacementNeighbours must be at least 1.")
            .Validate(o => o.RefreshInterval > TimeSpan.Zero, "Maps:RefreshInterval must be positive.");
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton<MapFile>();
        services.AddSingleton<MapBuilder>();
        services.AddSingleton<CollectionMaps>();
        services.AddHostedService<MapRefreshService>();
        return services;
    }
}
