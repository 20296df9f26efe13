using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SearchEngine.Retrieval.Documents;
using SearchEngine.Retrieval.Filtering;
using SearchEngine.Retrieval.Fingerprints;
using SearchEngine.Retrieval.Queries;

namespace SearchEngine.Retrieval;

/// <summary>Registers the query pipeline.</summary>
public static class RetrievalServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="SearchService"/> and its parts, its document records read from PostgreSQL (<see cref="PostgresDocumentRecords"/>). Storage, media decoding and an
    /// <see cref="Serving.ICollectionServing"/> (<c>AddSearchEngineServing</c>) must be registered as well; exact clip matching also needs
    /// <c>AddFingerprints</c> (without it, queries get semantic results only).
    /// </summary>
    public static IServiceCollection AddRetrieval(this IServiceCollection services, Action<RetrievalOptions>? configure = null)
    {
        var options = services.AddOptions<RetrievalOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton(sp => new QueryEmbeddingCache(sp.GetRequiredService<IOptions<RetrievalOptions>>().Value.QueryCacheBytes));
        services.AddSingleton(sp => new AllowListCache(sp.GetRequiredService<IOptions<RetrievalOptions>>().Value.FilterCacheSize));
        services.AddSingleton<QueryEncoder>();
        services.AddSingleton<ExactMatcher>();
        services.AddSingleton<IDocumentRecords, PostgresDocumentRecords>();
        services.AddSingleton<SearchService>();
        return services;
    }
}
