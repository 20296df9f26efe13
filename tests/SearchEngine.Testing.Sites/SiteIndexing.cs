using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SearchEngine.Collections;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Fingerprints;
using SearchEngine.Ingestion;
using SearchEngine.Ingestion.Pipeline;
using SearchEngine.Media;
using SearchEngine.Storage;
using SearchEngine.Storage.Migrations;

namespace SearchEngine.Testing.Sites;

/// <summary>
/// Indexes a test site's folders as the indexer does: the real <see cref="IndexingJob"/> with the default (trained) pack,
/// wired from the same settings the site's query API gets, after migrating (the indexer side owns the schema; the query
/// API never migrates).
/// </summary>
public static class SiteIndexing
{
    /// <summary>Indexes <paramref name="folders"/> into <paramref name="collection"/> and throws, naming every failed file, unless exactly <paramref name="expectedDocuments"/> were indexed (any number when null).</summary>
    public static async Task<IndexingSummary> IndexAsync(
        IReadOnlyDictionary<string, string?> settings, string collection, IReadOnlyList<string> folders, int? expectedDocuments = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        await using var provider = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddSearchEngineStorage(o => o.ConnectionString = configuration.GetConnectionString("Search") ?? throw new ArgumentException("The site settings name no ConnectionStrings:Search.", nameof(settings)))
            .AddMediaDecoding()
            .AddModelPacks(o => configuration.GetSection("ModelPacks").Bind(o))
            .AddSearchEngineCollections(o => configuration.GetSection(CollectionIndexOptions.SectionName).Bind(o))
            .AddFingerprints()
            .AddSearchEngineIngestion()
            .BuildServiceProvider();
        await provider.GetRequiredService<MigrationRunner>().ApplyAsync();

        var pack = provider.GetRequiredService<ModelPackRegistry>().Get(DefaultPack.Id);
        var summary = await provider.GetRequiredService<IndexingJob>()
            .RunAsync(new IndexingRequest(collection, folders), pack, new IndexingProgress(), CancellationToken.None);
        if (summary.Failures.Count > 0 || (expectedDocuments is { } expected && summary.Indexed != expected))
        {
            throw new InvalidOperationException($"Indexing {string.Join(", ", folders)} into '{collection}' gave {summary.Indexed} documents and failures: " +
                string.Join("; ", summary.Failures.Select(f => $"{f.Path}: {f.Reason}")));
        }

        return summary;
    }
}
