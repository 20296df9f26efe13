using SearchEngine.Serving;

#pragma warning disable IDE0130 // Extension methods on IServiceCollection live in its namespace by convention.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the serving replica, so every host (the API, the benchmarks, the test sites) serves collections the same way.</summary>
public static class ServingServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="CollectionServing"/> (a singleton, also as <see cref="ICollectionServing"/>) and
    /// <see cref="IndexCatchUpService"/> (a singleton, also as the hosted service that warms and catches up the opened
    /// copies) with <see cref="ServingOptions"/> configured by <paramref name="configure"/>. Storage, model packs and
    /// <c>AddSearchEngineCollections</c> must be added too.
    /// </summary>
    public static IServiceCollection AddSearchEngineServing(this IServiceCollection services, Action<ServingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ServingOptions>()
            .Validate(o => o.CatchUpInterval > TimeSpan.Zero, "Serving:CatchUpInterval must be positive.");
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton<CollectionServing>();
        services.AddSingleton<ICollectionServing>(sp => sp.GetRequiredService<CollectionServing>());
        services.AddSingleton<IndexCatchUpService>();
        services.AddHostedService(sp => sp.GetRequiredService<IndexCatchUpService>());
        return services;
    }
}
