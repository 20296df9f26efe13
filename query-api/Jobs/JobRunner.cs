using SearchEngine.Embeddings.Packs;
using SearchEngine.Ingestion.Pipeline;
using SearchEngine.Serving;
using SearchEngine.Storage.Jobs;

namespace SearchEngine.QueryApi.Jobs;

/// <summary>
/// Runs the jobs accepted over HTTP, one at a time, through the same <see cref="IndexingJob"/> as the indexer's CLI.
/// A job that ends before it could report (its collection busy with the CLI's job, its pack gone) is marked failed
/// with the reason. When the API stops, the running job stops as a cancelled one (committed documents stay); jobs
/// still queued keep their <c>running</c> rows, which the next job on their collection marks failed as abandoned.
/// </summary>
internal sealed partial class JobRunner(
    JobQueue queue, IndexingJob indexing, JobStore jobs, ModelPackRegistry packs, CollectionServing serving, ILogger<JobRunner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await RunAsync(job, stoppingToken);
            }
            finally
            {
                queue.Finish(job);
            }
        }
    }

    private async Task RunAsync(QueuedJob job, CancellationToken stoppingToken)
    {
        try
        {
            // Another indexer may have taken the collection while this job waited, and marked its row abandoned.
            if (await jobs.GetAsync(job.Id, stoppingToken) is not { Status: JobStatus.Running })
            {
                return;
            }

            var pack = packs.Get(job.Collection.PackId);
            var summary = await indexing.RunAsync(job.Request, pack, job.Progress, stoppingToken);
            LogFinished(logger, job.Id, job.Collection.Name, summary.Indexed, summary.Skipped, summary.Failures.Count);
            // Searchable now rather than at the next catch-up interval.
            await serving.CatchUpAsync(job.Collection.Name, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The API is stopping; the pipeline recorded the job as cancelled.
        }
        catch (Exception e)
        {
            LogFailed(logger, job.Id, job.Collection.Name, e);
            try
            {
                await jobs.FailAsync(job.Id, e.Message, CancellationToken.None);
            }
            catch (Exception record) when (record is not OperationCanceledException)
            {
                LogFailed(logger, job.Id, job.Collection.Name, record);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} on collection {Collection} finished: {Indexed} indexed, {Skipped} skipped, {Failed} failed")]
    private static partial void LogFinished(ILogger logger, long job, string collection, long indexed, long skipped, int failed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {Job} on collection {Collection} failed")]
    private static partial void LogFailed(ILogger logger, long job, string collection, Exception exception);
}
