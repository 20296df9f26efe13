using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SearchEngine.Collections;
using SearchEngine.Core;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Fingerprints;
using SearchEngine.Ingestion.Sources;
using SearchEngine.Media;
using SearchEngine.Storage.Collections;
using SearchEngine.Storage.Documents;
using SearchEngine.Storage.Jobs;

namespace SearchEngine.Ingestion.Pipeline;

/// <summary>
/// One bulk indexing job: discover → hash and skip check → decode (parallel) → embed (batched per tower) → write
/// (one transaction per batch; commit = acknowledged) → index (replayed from the change log), with bounded channels
/// between the stages so that memory stays flat however many files there are. Per-file failures are recorded and the
/// job goes on; only a failure of the job itself (database unreachable, input missing) ends it with an exception.
/// </summary>
public sealed class IndexingJob(
    MediaDecoder decoder,
    SidecarReader sidecars,
    CollectionStore collections,
    DocumentStore documents,
    JobStore jobs,
    CollectionIndexLoader indexes,
    ThumbnailStore thumbnails,
    IOptions<IndexingOptions> options,
    ILogger<IndexingJob> logger,
    FingerprintExtractor? fingerprints = null,
    IOptions<FingerprintOptions>? fingerprintOptions = null)
{
    /// <summary>The extractor when fingerprints are on (<c>Fingerprints:Enabled</c>), else null.</summary>
    private FingerprintExtractor? Fingerprints => fingerprintOptions?.Value.Enabled == false ? null : fingerprints;

    /// <summary>
    /// Runs the job. <paramref name="pack"/> may be null only for a dry run. Cancelling <paramref name="cancellationToken"/>
    /// stops it cleanly: committed documents stay, the index is saved, and the next run finishes the remaining files.
    /// </summary>
    /// <exception cref="PackMismatchException">The collection is bound to another pack.</exception>
    /// <exception cref="SourceException">A folder or the manifest cannot be read.</exception>
    public async Task<IndexingSummary> RunAsync(IndexingRequest request, ModelPack? pack, IndexingProgress progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        if (pack is null && !request.DryRun)
        {
            throw new ArgumentException("A model pack is required unless the job is a dry run.", nameof(pack));
        }

        var settings = options.Value;
        if (request.RebuildOnPackChange && !request.DryRun)
        {
            await DropIfBuiltWithAnotherPackAsync(request.Collection, pack!, cancellationToken).ConfigureAwait(false);
        }

        var collection = request.DryRun
            ? await collections.GetByNameAsync(request.Collection, cancellationToken).ConfigureAwait(false)
            : await collections.CreateOrGetAsync(request.Collection, pack!.Id, pack.Fingerprint, pack.Dimension, cancellationToken).ConfigureAwait(false);
        if (request.DryRun && collection is not null && pack is not null)
        {
            pack.EnsureMatches(collection);
        }

        // Held until the job ends: a second job on the collection fails here, clearly, instead of racing this one.
        var exclusive = request.Exclusive && !request.DryRun;
        await using var jobLock = exclusive ? await jobs.LockCollectionAsync(collection!, cancellationToken).ConfigureAwait(false) : null;
        if (jobLock is not null)
        {
            await FailAbandonedJobsAsync(collection!, request.JobId, cancellationToken).ConfigureAwait(false);
        }

        using var index = request.DryRun || !request.UpdateIndexFile ? null : await indexes.OpenAsync(collection!, cancellationToken).ConfigureAwait(false);
        long? jobId = exclusive ? request.JobId ?? await jobs.StartAsync(collection!.Id, cancellationToken).ConfigureAwait(false) : null;
        logger.LogInformation("{Mode} collection '{Collection}' (pack {Pack}) from {Sources} with {Workers} decode workers, batches of {BatchSize}",
            request.DryRun ? "Dry run of indexing into" : "Indexing into", request.Collection, pack?.Id ?? collection?.PackId ?? "none",
            Describe(request), settings.ResolveWorkers(), settings.BatchSize);

        var context = new PipelineContext(collection, settings, progress, new FailureLog(progress, jobs, jobId, logger), logger);
        var discover = new DiscoverStage(request, context, decoder.Roots);
        var outcome = IndexingOutcome.Completed;
        try
        {
            await RunStagesAsync(request, pack, context, discover, index, jobId, cancellationToken).ConfigureAwait(false);
            if (request.DeleteMissing)
            {
                await DeleteMissingAsync(request, collection, discover.SeenPaths, progress, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = IndexingOutcome.Cancelled;
            logger.LogWarning("Indexing was stopped; committed documents are kept, and running the job again finishes the remaining files.");
        }
        catch (Exception e)
        {
            await FinishAsync(index, jobId, JobStatus.Failed, progress).ConfigureAwait(false);
            logger.LogError(e, "The indexing job failed: {Reason}", e.Message);
            throw;
        }

        await FinishAsync(index, jobId, outcome == IndexingOutcome.Cancelled ? JobStatus.Cancelled : JobStatus.Succeeded, progress).ConfigureAwait(false);
        return new IndexingSummary(request.Collection, outcome, request.DryRun, progress.Seen, progress.Indexed, progress.Skipped,
            progress.Deleted, progress.Segments, progress.Failures, progress.Elapsed, progress.StageSeconds());
    }

    private async Task FailAbandonedJobsAsync(CollectionInfo collection, long? ownJobId, CancellationToken cancellationToken)
    {
        // This job holds the collection's lock, so no other job runs: a 'running' row was left by a killed indexer
        // (or a stopped query API), unless it is this job's own, recorded before the lock was taken.
        var abandoned = await jobs.FailAbandonedAsync(collection.Id,
            "The indexer running this job stopped without finishing it (killed or crashed); marked failed when the next job on the collection started. " +
            "Documents it committed are kept; the next job indexed the rest.", ownJobId, cancellationToken).ConfigureAwait(false);
        foreach (var id in abandoned)
        {
            logger.LogWarning("Job {Job} on collection '{Collection}' was left running by an indexer that stopped; marked it failed", id, collection.Name);
        }
    }

    private async Task DropIfBuiltWithAnotherPackAsync(string name, ModelPack pack, CancellationToken cancellationToken)
    {
        if (await collections.GetByNameAsync(name, cancellationToken).ConfigureAwait(false) is not { } existing || pack.Built(existing))
        {
            return;
        }

        logger.LogWarning("Collection '{Collection}' was built with pack {OldPack} ({OldFingerprint}); rebuilding it with pack {Pack} ({Fingerprint})",
            name, existing.PackId, existing.PackFingerprint[..Math.Min(12, existing.PackFingerprint.Length)], pack.Id, pack.Fingerprint[..Math.Min(12, pack.Fingerprint.Length)]);
        // Not under another job's feet: a job still indexing the old collection makes this one fail clearly instead.
        await using (await jobs.LockCollectionAsync(existing, cancellationToken).ConfigureAwait(false))
        {
            await collections.DeleteAsync(existing.Id, cancellationToken).ConfigureAwait(false);
        }

        File.Delete(indexes.FilePathOf(existing));
    }

    private async Task RunStagesAsync(
        IndexingRequest request, ModelPack? pack, PipelineContext context, DiscoverStage discover, CollectionIndex? index, long? jobId, CancellationToken cancellationToken)
    {
        var settings = context.Options;
        var workers = settings.ResolveWorkers();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = stop.Token;

        // Capacities bound what is in flight between stages: a few check batches of paths, a decode batch of paths per
        // worker, a couple of decoded files per worker (decoded media is the big item), and two embedding batches of
        // finished documents.
        var sources = ChannelBatches.Bounded<SourceFile>(settings.CheckBatchSize * 2, singleReader: true, singleWriter: true);
        var pending = ChannelBatches.Bounded<PendingFile>(workers * DecodeStage.BatchSize, singleReader: false, singleWriter: true);
        var decoded = ChannelBatches.Bounded<DecodedFile>(Math.Max(settings.BatchSize, workers * 2), singleReader: true, singleWriter: false);
        var embedded = ChannelBatches.Bounded<EmbeddedDocument>(settings.BatchSize * 2, singleReader: true, singleWriter: true);
        var committed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

        var tasks = new List<Task>
        {
            Stage(() => discover.RunAsync(sources.Writer, token), sources.Writer, stop),
            Stage(() => new CheckStage(context, documents).RunAsync(sources.Reader, request.DryRun ? null : pending.Writer, token),
                request.DryRun ? null : pending.Writer, stop),
        };

        if (!request.DryRun)
        {
            var decode = new DecodeStage(context, decoder, sidecars, pack!.Audio?.SampleRate);
            var decodeWorkers = Enumerable.Range(0, workers).Select(_ => Task.Run(() => decode.RunWorkerAsync(pending.Reader, decoded.Writer, token), token)).ToArray();
            tasks.AddRange(decodeWorkers.Select(worker => Stage(() => worker, null, stop)));
            tasks.Add(Task.WhenAll(decodeWorkers).ContinueWith(_ => decoded.Writer.TryComplete(), TaskScheduler.Default));
            tasks.Add(Stage(() => Task.Run(() => new EmbedStage(context, new DocumentEmbedder(pack!, Fingerprints, logger)).RunAsync(decoded.Reader, embedded.Writer, token), token), embedded.Writer, stop));
            tasks.Add(Stage(() => new WriteStage(context, context.Collection!, documents, thumbnails).RunAsync(embedded.Reader, committed.Writer, token), committed.Writer, stop));
            tasks.Add(index is null
                ? Stage(async () => { await foreach (var _ in committed.Reader.ReadAllAsync(token).ConfigureAwait(false)) { } }, null, stop)
                : Stage(() => new IndexStage(context, index).RunAsync(committed.Reader, token), null, stop));
        }

        using var reporting = new CancellationTokenSource();
        var reporter = jobId is { } id ? ReportProgressAsync(id, context, reporting.Token) : Task.CompletedTask;
        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch
        {
            // A stop by the user is a cancellation whatever the stages threw on the way out; otherwise report the
            // failure that stopped the pipeline, not a stage's cancellation that it caused.
            cancellationToken.ThrowIfCancellationRequested();
            var root = tasks.Where(t => t.IsFaulted).SelectMany(t => t.Exception!.InnerExceptions).FirstOrDefault(e => e is not OperationCanceledException);
            if (root is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(root);
            }

            throw;
        }
        finally
        {
            await reporting.CancelAsync().ConfigureAwait(false);
            await reporter.ConfigureAwait(false);
        }
    }

    /// <summary>Runs a stage; completes its output channel when it ends and stops the whole pipeline when it fails.</summary>
    private static async Task Stage<T>(Func<Task> run, ChannelWriter<T>? output, CancellationTokenSource stop)
    {
        try
        {
            await run().ConfigureAwait(false);
            output?.TryComplete();
        }
        catch (Exception e)
        {
            output?.TryComplete(e);
            await stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static Task Stage(Func<Task> run, ChannelWriter<bool>? output, CancellationTokenSource stop) => Stage<bool>(run, output, stop);

    private async Task DeleteMissingAsync(IndexingRequest request, CollectionInfo? collection, HashSet<string> seen, IndexingProgress progress, CancellationToken cancellationToken)
    {
        if (collection is null)
        {
            return;
        }

        if (request.DryRun)
        {
            var missing = 0;
            await foreach (var uri in documents.ListUrisAsync(collection.Id, cancellationToken).ConfigureAwait(false))
            {
                missing += seen.Contains(uri) ? 0 : 1;
            }

            progress.AddDeleted(missing);
            return;
        }

        var deletion = await documents.DeleteMissingAsync(collection.Id, seen, cancellationToken).ConfigureAwait(false);
        progress.AddDeleted(deletion.DocumentsDeleted);
        logger.LogInformation("Deleted {Documents} documents ({Segments} segments) whose files are gone", deletion.DocumentsDeleted, deletion.RemovedSegmentIds.Count);
    }

    private async Task FinishAsync(CollectionIndex? index, long? jobId, JobStatus status, IndexingProgress progress)
    {
        // Runs after a stop as well: what was committed goes into the index file, and the job row says how it ended.
        if (index is not null)
        {
            try
            {
                await index.CatchUpAsync(CancellationToken.None).ConfigureAwait(false);
                index.Save();
            }
            catch (Exception e) when (status == JobStatus.Failed)
            {
                logger.LogWarning("Could not bring the index file up to date after the failure ({Reason}); the next start replays it from PostgreSQL.", e.Message);
            }
        }

        if (jobId is { } id)
        {
            try
            {
                await jobs.FinishAsync(id, status, Counts(progress), progress.DiscoveryComplete ? progress.Discovered : null, progress.StageSeconds(), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (status == JobStatus.Failed)
            {
                logger.LogWarning("Could not record the job's failure in PostgreSQL: {Reason}", e.Message);
            }
        }
    }

    private async Task ReportProgressAsync(long jobId, PipelineContext context, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(context.Options.ProgressInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var progress = context.Progress;
                await jobs.ReportProgressAsync(jobId, Counts(progress), progress.DiscoveryComplete ? progress.Discovered : null,
                    progress.StageSeconds(), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The job ended; FinishAsync writes the final counts.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Could not store the job's progress: {Reason}", e.Message);
        }
    }

    private static JobCounts Counts(IndexingProgress progress) =>
        new(progress.Seen, progress.Indexed, progress.Skipped, progress.Failed, progress.Deleted);

    private static string Describe(IndexingRequest request)
    {
        var parts = request.Folders.Select(f => $"folder {f}").ToList();
        if (request.Files.Count > 0)
        {
            parts.Add($"{request.Files.Count} named files");
        }

        if (request.Manifest is { } manifest)
        {
            parts.Add($"manifest {manifest}");
        }

        return string.Join(", ", parts);
    }
}
