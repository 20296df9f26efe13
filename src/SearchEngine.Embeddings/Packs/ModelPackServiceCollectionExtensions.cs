using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SearchEngine.Embeddings.Inference;
using SearchEngine.Embeddings.Offline;
using SearchEngine.Embeddings.Towers;

namespace SearchEngine.Embeddings.Packs;

/// <summary>Registers model packs with dependency injection.</summary>
public static class ModelPackServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ModelPackRegistry"/>, <see cref="ModelPackLoader"/>, the session factory and the offline pack's
    /// tower factories. Other tower implementations register more <see cref="ITowerFactory"/> singletons.
    /// </summary>
    public static IServiceCollection AddModelPacks(this IServiceCollection services, Action<ModelPackOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ModelPackOptions>();
        services.AddOptions<OnnxSessionOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton(sp => new OnnxSessionFactory(sp.GetRequiredService<IOptions<OnnxSessionOptions>>().Value));
        foreach (var factory in OfflinePack.TowerFactories)
        {
            // Instances, not types: TryAddEnumerable would treat the three offline factories as one.
            if (!services.Any(d => d.ServiceType == typeof(ITowerFactory) && ReferenceEquals(d.ImplementationInstance, factory)))
            {
                services.AddSingleton(factory);
            }
        }

        services.TryAddSingleton(sp => new ModelPackLoader(sp.GetServices<ITowerFactory>(), sp.GetRequiredService<OnnxSessionFactory>()));
        services.TryAddSingleton<ModelPackRegistry>();
        return services;
    }
}
