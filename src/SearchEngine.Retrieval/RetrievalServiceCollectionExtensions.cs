using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SearchEngine.Retrieval.Candidates;
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
    /// <c>AddFingerprints</c> (without it, queries get semantic results only). The vector stage is
    /// <see cref="LocalCandidateSearch"/> unless an <see cref="ICandidateSearch"/> is registered.
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
        services.AddSingleton<LocalCandidateSearch>();
        // Tried, so a host that serves sharded collections can put its own vector stage in first (or replace this one).
        services.TryAddSingleton<ICandidateSearch>(sp => sp.GetRequiredService<LocalCandidateSearch>());
        services.AddSingleton<SearchService>();
        return services;
    }
}
