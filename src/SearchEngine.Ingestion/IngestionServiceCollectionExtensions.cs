using Microsoft.Extensions.DependencyInjection.Extensions;
using SearchEngine.Ingestion.Enrichment;
using SearchEngine.Ingestion.Pipeline;
using SearchEngine.Ingestion.Sources;

#pragma warning disable IDE0130 // Extension methods on IServiceCollection live in its namespace by convention.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the indexing pipeline.</summary>
public static class IngestionServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IndexingJob"/>, <see cref="SidecarReader"/> and the enrichment pass that reads text in pictures
    /// (<see cref="PictureTextPass"/>; add OCR with <c>AddSearchEngineOcr</c>) with <see cref="IndexingOptions"/> configured by
    /// <paramref name="configure"/>; media decoding, storage, model packs and collections must be added too.
    /// </summary>
    public static IServiceCollection AddSearchEngineIngestion(this IServiceCollection services, Action<IndexingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<IndexingOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton<SidecarReader>();
        services.TryAddSingleton<PictureTextPass>();
        services.AddTransient<IndexingJob>();
        return services;
    }
}
