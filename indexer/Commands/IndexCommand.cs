using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SearchEngine.Core;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Indexer.Terminal;
using SearchEngine.Ingestion.Pipeline;
using SearchEngine.Ingestion.Sources;
using SearchEngine.Storage.Jobs;
using Spectre.Console;

namespace SearchEngine.Indexer.Commands;

/// <summary><c>index [PATHS...] [--manifest FILE] --collection NAME [--pack PATH|ID] …</c>: the bulk indexing job.</summary>
internal static class IndexCommand
{
    /// <summary>Exit code of a job stopped by SIGINT/SIGTERM (128 + SIGINT), as shells report it.</summary>
    public const int CancelledExitCode = 130;

    /// <summary>Exit code when another job is indexing the collection (EX_TEMPFAIL: try again later).</summary>
    public const int CollectionBusyExitCode = 75;

    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Folders to index recursively (files are recognised by content).", Arity = ArgumentArity.ZeroOrMore };
        var manifest = new Option<string?>("--manifest") { Description = "A CSV, TSV or JSONL manifest: a path column, optional caption/title and metadata columns." };
        var collection = new Option<string>("--collection") { Description = "The collection to index into.", Required = true };
        var pack = new Option<string?>("--pack") { Description = "Model pack folder or installed pack id (default: Search:DefaultPack)." };
        var batchSize = new Option<int?>("--batch-size") { Description = "Documents per embedding batch and database write (Indexing:BatchSize)." };
        var workers = new Option<int?>("--workers") { Description = "Files decoded in parallel (Indexing:Workers; 0 = one per core)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Report what would be indexed, skipped and deleted; write nothing." };
        var deleteMissing = new Option<bool>("--delete-missing") { Description = "Remove documents whose files were not found by this run." };
        var summaryJson = new Option<string?>("--summary-json") { Description = "Also write the final summary as JSON to this file." };
        var rebuildOnPackChange = new Option<bool>("--rebuild-on-pack-change")
        {
            Description = "When the collection was built with another pack, delete it and index into a new one (for collections rebuilt from their sources, such as the bundled sample).",
        };

        var command = new Command("index", "Index folders and/or a manifest into a collection: embed, store in PostgreSQL, insert into the HNSW index.")
        {
            paths, manifest, collection, pack, batchSize, workers, dryRun, deleteMissing, summaryJson, rebuildOnPackChange,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var request = new IndexingRequest(parse.GetRequiredValue(collection), parse.GetValue(paths) ?? [], parse.GetValue(manifest))
            {
                DryRun = parse.GetValue(dryRun),
                DeleteMissing = parse.GetValue(deleteMissing),
                RebuildOnPackChange = parse.GetValue(rebuildOnPackChange),
            };
            return await RunAsync(parse, request, parse.GetValue(pack), parse.GetValue(batchSize), parse.GetValue(workers), parse.GetValue(summaryJson), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, IndexingRequest request, string? packName, int? batchSize, int? workers, string? summaryJson, CancellationToken cancellationToken)
    {
        if (request.Folders.Count == 0 && request.Manifest is null)
        {
            await Console.Error.WriteLineAsync("error: name at least one folder to index, or a manifest with --manifest.");
            return 2;
        }

        var interactive = ProgressDisplay.IsInteractive;
        using var host = IndexerHost.Build(parse, quietPipelineLogs: interactive);
        var services = host.Services;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("SearchEngine.Indexer");
        var options = services.GetRequiredService<IOptions<IndexingOptions>>().Value;
        if (batchSize is { } size)
        {
            options.BatchSize = size > 0 ? size : throw new ArgumentOutOfRangeException(nameof(batchSize), "--batch-size must be at least 1.");
        }

        if (workers is { } count)
        {
            options.Workers = Math.Max(0, count);
        }

        ModelPack? pack = null;
        try
        {
            await IndexerHost.MigrateAsync(host, cancellationToken);
            pack = request.DryRun && packName is null ? null : services.GetRequiredService<PackResolver>().Load(packName);
            var job = services.GetRequiredService<IndexingJob>();
            var progress = new IndexingProgress();
            var summary = await ProgressDisplay.RunAsync(progress, interactive, logger, () => job.RunAsync(request, pack, progress, cancellationToken));
            SummaryPrinter.Print(summary, interactive);
            if (summaryJson is not null)
            {
                SummaryJson.Write(summary, summaryJson);
            }

            if (summary.Outcome == IndexingOutcome.Completed && !request.DryRun)
            {
                await RunHousekeepingAsync(services, logger, cancellationToken);
            }

            return summary.Outcome == IndexingOutcome.Cancelled ? CancelledExitCode : 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("stopped before indexing began.");
            return CancelledExitCode;
        }
        catch (CollectionBusyException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return CollectionBusyExitCode;
        }
        catch (Exception e) when (e is PackMismatchException or PackLoadException or SourceException or IndexerException or Npgsql.NpgsqlException or OptionsValidationException or NotSupportedException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
        finally
        {
            pack?.Dispose();
        }
    }

    /// <summary>
    /// A housekeeping pass after the job (<see cref="HousekeepingPass"/>); the job's result stands whatever happens here,
    /// so a failure is a warning and the next job tries again.
    /// </summary>
    private static async Task RunHousekeepingAsync(IServiceProvider services, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await HousekeepingPass.RunAsync(services, logger, cancellationToken);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "Housekeeping after the job failed; the next job or `searchengine-indexer housekeeping` tries again");
        }
    }
}
