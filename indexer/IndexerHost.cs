using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using SearchEngine.Access;
using SearchEngine.Collections;
using SearchEngine.Embeddings.Clip;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Fingerprints;
using SearchEngine.Ingestion.Pipeline;
using SearchEngine.Media;
using SearchEngine.Ocr;
using SearchEngine.Storage;
using SearchEngine.Storage.Housekeeping;
using SearchEngine.Storage.Migrations;

namespace SearchEngine.Indexer;

/// <summary>
/// Configuration, services and logging for the commands, by Microsoft.Extensions conventions: appsettings.json beside
/// the program, environment variables (<c>ConnectionStrings__Search</c>, <c>Search__IndexFolder</c>, …) and
/// <c>--Section:Key=value</c> tokens on the command line, later ones winning. Logs go to stderr, so stdout carries only
/// what a command prints (paths, summaries) and scripts can capture it.
/// </summary>
internal static class IndexerHost
{
    /// <summary>The connection string's configuration key.</summary>
    public const string ConnectionStringName = "Search";

    public static IHost Build(ParseResult parseResult, bool quietPipelineLogs = false)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = parseResult.UnmatchedTokens.ToArray(),
            ContentRootPath = AppContext.BaseDirectory,
        });

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        if (quietPipelineLogs)
        {
            // The progress bar owns the terminal while a job runs; per-file problems are listed in the summary instead.
            builder.Logging.AddFilter("SearchEngine.Ingestion", LogLevel.Error);
        }

        var configuration = builder.Configuration;
        // No statement timeout unless configured: a bulk COPY or a snapshot of a large collection may run for minutes.
        builder.Services.AddSearchEngineStorage(o =>
        {
            configuration.GetSection("Storage").Bind(o);
            o.ConnectionString = configuration.GetConnectionString(ConnectionStringName) ?? "";
        });
        builder.Services.AddSearchEngineAccess(o => configuration.GetSection(AccessOptions.SectionName).Bind(o));
        builder.Services.Configure<HousekeepingOptions>(configuration.GetSection(HousekeepingOptions.SectionName));
        builder.Services.AddMediaDecoding();
        builder.Services.Configure<MediaOptions>(configuration.GetSection(MediaOptions.SectionName));
        builder.Services.AddModelPacks().AddClipAndClapTowers();
        builder.Services.Configure<ModelPackOptions>(configuration.GetSection("ModelPacks"));
        builder.Services.AddSearchEngineCollections();
        builder.Services.Configure<CollectionIndexOptions>(configuration.GetSection(CollectionIndexOptions.SectionName));
        builder.Services.AddFingerprints(o => configuration.GetSection(FingerprintOptions.SectionName).Bind(o));
        builder.Services.AddSearchEngineIngestion();
        builder.Services.Configure<IndexingOptions>(configuration.GetSection(IndexingOptions.SectionName));
        builder.Services.AddSearchEngineOcr();
        builder.Services.Configure<OcrOptions>(configuration.GetSection(OcrOptions.SectionName));
        builder.Services.AddSingleton<PackResolver>();
        return builder.Build();
    }

    /// <summary>Applies pending schema migrations; a missing connection string is a clear error.</summary>
    public static async Task MigrateAsync(IHost host, CancellationToken cancellationToken)
    {
        var configuration = host.Services.GetRequiredService<IConfiguration>();
        if (string.IsNullOrWhiteSpace(configuration.GetConnectionString(ConnectionStringName)))
        {
            throw new IndexerException(
                $"No PostgreSQL connection string: set ConnectionStrings:{ConnectionStringName} (environment variable ConnectionStrings__{ConnectionStringName}, " +
                "e.g. the one deploy/postgres.sh prints, or appsettings.json beside the program).");
        }

        await host.Services.GetRequiredService<MigrationRunner>().ApplyAsync(cancellationToken);
    }
}
