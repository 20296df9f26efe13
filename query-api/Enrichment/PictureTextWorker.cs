using Microsoft.Extensions.Options;
using Npgsql;
using SearchEngine.Ingestion.Enrichment;
using SearchEngine.Ocr;
using SearchEngine.Serving;
using SearchEngine.Storage.Collections;

namespace SearchEngine.QueryApi.Enrichment;

/// <summary>
/// Reads the text in every collection's pictures in the background, after they are indexed and searchable by what they
/// look like: round after round, each collection's documents still to do (<see cref="PictureTextPass"/>), then a
/// pause. Without Tesseract, or under a database role that cannot write, it says so once and stops; searching is
/// never affected.
/// </summary>
internal sealed partial class PictureTextWorker(
    PictureTextPass pass, CollectionStore collections, CollectionServing serving, IOptions<OcrOptions> options, ILogger<PictureTextWorker> logger) : BackgroundService
{
    /// <summary>How long the worker rests when no collection had anything to read.</summary>
    internal static readonly TimeSpan IdlePause = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        // Let the server start serving first: the check runs a process.
        await Task.Yield();
        if (await pass.ProblemAsync(stoppingToken) is { } problem)
        {
            LogDisabled(logger, problem);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var finished = 0;
            try
            {
                foreach (var collection in await collections.ListAsync(stoppingToken))
                {
                    var read = await pass.RunAsync(collection, cancellationToken: stoppingToken);
                    if (read > 0)
                    {
                        // Searchable now rather than at the next periodic catch-up.
                        await serving.CatchUpAsync(collection.Name, stoppingToken);
                        finished += read;
                    }
                }
            }
            catch (CollectionNotFoundException)
            {
                // Dropped while it was being read: the next round lists the collections again.
            }
            catch (OcrUnavailableException e)
            {
                LogDisabled(logger, e.Message);
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                LogReadOnly(logger, e.MessageText);
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                // PostgreSQL down or slow: the next round tries again; nothing was recorded for an unfinished batch.
                LogRoundFailed(logger, e.Message);
            }

            if (finished == 0)
            {
                await Task.Delay(IdlePause, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Text in pictures is not read (OCR off): {Reason}")]
    private static partial void LogDisabled(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Text in pictures is not read: this server's database role cannot write ({Reason}); run 'searchengine-indexer enrich' instead")]
    private static partial void LogReadOnly(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading text in pictures paused: {Reason}")]
    private static partial void LogRoundFailed(ILogger logger, string reason);
}
