using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using SearchEngine.Storage.Collections;
using SearchEngine.Storage.Documents;
using SearchEngine.Storage.Filtering;
using SearchEngine.Storage.Fingerprints;
using SearchEngine.Storage.Housekeeping;
using SearchEngine.Storage.Idempotency;
using SearchEngine.Storage.Jobs;
using SearchEngine.Storage.Migrations;
using SearchEngine.Storage.Search;
using SearchEngine.Storage.Segments;
using SearchEngine.Storage.Serving;

namespace SearchEngine.Storage;

/// <summary>Registers the storage layer with a service collection.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Adds one <see cref="NpgsqlDataSource"/> (singleton, also as <see cref="DbDataSource"/>; it owns the connection pool),
    /// the stores and the <see cref="MigrationRunner"/>. Nothing runs at start: migrations belong to the indexer
    /// (<c>searchengine-indexer migrate</c>), so a service that only reads (the query API, under a read-only role) starts
    /// while PostgreSQL is down and never needs the right to change the schema.
    /// </summary>
    public static IServiceCollection AddSearchEngineStorage(this IServiceCollection services, Action<StorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<StorageOptions>()
            .Configure(configure)
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), "Storage:ConnectionString is required (an Npgsql connection string to the searchengine database).");

        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
            var builder = new NpgsqlDataSourceBuilder(options.EffectiveConnectionString());
            var loggerFactory = provider.GetService<ILoggerFactory>();
            if (loggerFactory is not null)
            {
                builder.UseLoggerFactory(loggerFactory);
            }

            return builder.Build();
        });
        services.TryAddSingleton<DbDataSource>(provider => provider.GetRequiredService<NpgsqlDataSource>());

        services.TryAddSingleton<MigrationRunner>(provider => new MigrationRunner(
            provider.GetRequiredService<NpgsqlDataSource>(), provider.GetService<ILogger<MigrationRunner>>()));
        services.TryAddSingleton<CollectionStore>();
        services.TryAddSingleton<DocumentStore>();
        services.TryAddSingleton<SegmentStore>();
        services.TryAddSingleton<FingerprintStore>();
        services.TryAddSingleton<JobStore>();
        services.TryAddSingleton<FullTextSearch>();
        services.TryAddSingleton<DocumentFilterQuery>();
        services.TryAddSingleton<ServingCopyStore>();
        services.TryAddSingleton<ChangeLogPruner>();
        services.TryAddSingleton<JobRetention>();
        services.TryAddSingleton<ContentReferences>();
        services.TryAddSingleton<IdempotencyStore>();
        services.TryAddSingleton<Enrichment.EnrichmentStore>();
        services.AddOptions<HousekeepingOptions>();
        return services;
    }
}
