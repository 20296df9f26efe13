using Microsoft.Extensions.Logging;
using SearchEngine.Storage.Jobs;

namespace SearchEngine.Ingestion.Pipeline;

/// <summary>Records a file's failure in the job's progress, in PostgreSQL (<c>file_errors</c>) and in the log; the job goes on.</summary>
internal sealed class FailureLog(IndexingProgress progress, JobStore jobs, long? jobId, ILogger logger)
{
    public async Task RecordAsync(FileFailure failure, CancellationToken cancellationToken)
    {
        progress.AddFailure(failure);
        logger.LogWarning("Cannot index {Path} ({Stage}): {Reason}", failure.Path, failure.Stage, failure.Reason);
        if (jobId is { } id)
        {
            await jobs.AddFileErrorAsync(id, failure.Path, failure.Stage, failure.Reason, cancellationToken).ConfigureAwait(false);
        }
    }
}
