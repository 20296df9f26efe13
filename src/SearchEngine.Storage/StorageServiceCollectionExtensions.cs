using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using SearchEngine.Storage.Collections;
using SearchEngine.Storage.Documents;
using SearchEngine.Storage.Filtering;
using SearchEngine.Storage.Jobs;
using SearchEngine.Storage.Migrations;
using SearchEngine.Storage.Search;
using SearchEngine.Storage.Segments;

namespace SearchEngine.Storage;

/// <summary>Registers the storage layer with a service collection.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Adds one <see cref="NpgsqlDataSource"/> (singleton, also as <see cref="DbDataSource"/>; it owns the connection pool),
    /// the stores, the <see cref="MigrationRunner"/>, and a hosted service that applies migrations on start when
    /// <see cref="StorageOptions.MigrateOnStart"/> is set.
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
            var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
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
        services.TryAddSingleton<JobStore>();
        services.TryAddSingleton<FullTextSearch>();
        services.TryAddSingleton<DocumentFilterQuery>();
        services.AddHostedService<StorageMigrationService>();
        return services;
    }
}
