using Microsoft.Extensions.DependencyInjection;
using SearchEngine.Embeddings.Clap;
using SearchEngine.Embeddings.Towers;

namespace SearchEngine.Embeddings.Clip;

/// <summary>Registers the CLIP and CLAP tower factories with dependency injection.</summary>
public static class CrossModalTowerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <c>clip-text</c>, <c>clip-image</c>, <c>clap-text</c> and <c>clap-audio</c> factories as
    /// <see cref="ITowerFactory"/> singletons, so <c>AddModelPacks</c>' loader can build CLIP and CLAP packs.
    /// </summary>
    public static IServiceCollection AddClipAndClapTowers(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        foreach (var factory in ClipPack.TowerFactories.Concat(ClapPack.TowerFactories))
        {
            if (!services.Any(d => d.ServiceType == typeof(ITowerFactory) && d.ImplementationInstance is ITowerFactory existing && existing.Type == factory.Type))
            {
                services.AddSingleton(factory);
            }
        }

        return services;
    }
}
