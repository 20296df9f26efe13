using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SearchEngine.Collections;
using SearchEngine.Storage.Housekeeping;
using SearchEngine.Storage.Idempotency;

namespace SearchEngine.Indexer;

/// <summary>
/// One housekeeping pass: prune the change log up to what every recently seen serving copy has applied, delete expired
/// jobs with their file errors, delete unreferenced thumbnails and forget idempotency keys older than a day. The indexer is the writer, so it runs a pass after
/// every completed indexing job (growth only comes from jobs), and <c>housekeeping</c> runs one on demand.
/// </summary>
internal static class HousekeepingPass
{
    public sealed record Outcome(long PrunedChanges, int DeletedJobs, int DeletedThumbnails, int DeletedIdempotencyKeys)
    {
        public string ToJson() => $"{{\"pruned_changes\":{PrunedChanges},\"deleted_jobs\":{DeletedJobs},\"deleted_thumbnails\":{DeletedThumbnails},\"deleted_idempotency_keys\":{DeletedIdempotencyKeys}}}";
    }

    /// <summary>Runs the pass and logs what it did.</summary>
    public static async Task<Outcome> RunAsync(IServiceProvider services, ILogger logger, CancellationToken cancellationToken)
    {
        var pruned = await services.GetRequiredService<ChangeLogPruner>().PruneAsync(cancellationToken);
        var jobs = await services.GetRequiredService<JobRetention>().ApplyAsync(cancellationToken);
        var thumbnails = await services.GetRequiredService<ThumbnailCollector>().CollectAsync(cancellationToken);
        var keys = await services.GetRequiredService<IdempotencyStore>().PruneAsync(cancellationToken);
        logger.LogInformation("Housekeeping: {Pruned} change-log entries pruned, {Jobs} expired jobs deleted, {Thumbnails} unreferenced thumbnails deleted, {Keys} expired idempotency keys deleted",
            pruned, jobs, thumbnails, keys);
        return new Outcome(pruned, jobs, thumbnails, keys);
    }
}
