using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SearchEngine.Collections;
using SearchEngine.Storage.Serving;

namespace SearchEngine.Serving;

/// <summary>
/// Opens every collection at start-up (retrying while PostgreSQL is down) and then, every few seconds, re-checks the
/// remembered collection records and applies PostgreSQL's change log to the opened indexes (and their catalogues), so
/// documents the indexer commits become searchable without a restart. After each catch-up it records the copy's
/// sequence in <c>serving_copies</c> (change-log pruning waits for it), reopens a copy the log was pruned past,
/// compacts a copy whose deleted nodes passed the threshold, and now and then saves its fingerprint file.
/// </summary>
public sealed partial class IndexCatchUpService(
    CollectionServing serving, ServingCopyStore servingCopies, IOptions<ServingOptions> options, IOptions<CollectionIndexOptions> indexOptions,
    ILogger<IndexCatchUpService> logger) : BackgroundService
{
    /// <summary>True once every collection that existed at start-up has been opened.</summary>
    public bool Warm { get; private set; }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!Warm && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                await serving.OpenAllAsync(stoppingToken);
                Warm = true;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogOpenFailed(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            }
        }

        using var timer = new PeriodicTimer(options.Value.CatchUpInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await serving.RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRefreshFailed(logger, e);
            }

            foreach (var index in serving.Opened.ToList())
            {
                await MaintainAsync(index, stoppingToken);
            }
        }
    }

    private async Task MaintainAsync(CollectionIndex index, CancellationToken stoppingToken)
    {
        var settings = indexOptions.Value;
        try
        {
            await index.CatchUpAsync(stoppingToken);
            await servingCopies.RecordAsync(settings.ResolveServingCopyId(), index.Collection.Id, index.Index.LastSequence, stoppingToken);
            await index.CompactIfWorthwhileAsync(settings.CompactDeletedFraction, settings.CompactMinimumDeleted, stoppingToken);
            index.SaveFingerprintsIfDue(settings.FingerprintSaveInterval);
        }
        catch (ChangeLogPrunedException e)
        {
            LogPrunedPast(logger, index.Collection.Name, e.PrunedThrough, index.Index.LastSequence);
            try
            {
                await serving.ReopenAsync(index, stoppingToken);
            }
            catch (Exception reopen) when (reopen is not OperationCanceledException)
            {
                LogCatchUpFailed(logger, index.Collection.Name, reopen);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogCatchUpFailed(logger, index.Collection.Name, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Opening the collections' indexes failed; retrying in 5 s")]
    private static partial void LogOpenFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-reading the collection records failed")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The change log of collection {Collection} was pruned through sequence {PrunedThrough}, past this copy's {Sequence}: reopening it from PostgreSQL")]
    private static partial void LogPrunedPast(ILogger logger, string collection, long prunedThrough, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catching up the index of collection {Collection} failed")]
    private static partial void LogCatchUpFailed(ILogger logger, string collection, Exception exception);
}
