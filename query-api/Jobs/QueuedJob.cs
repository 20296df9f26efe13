using SearchEngine.Core;
using SearchEngine.Ingestion.Pipeline;

namespace SearchEngine.QueryApi.Jobs;

/// <summary>A job accepted over HTTP: its recorded row, its collection, what to index, and its live counters.</summary>
/// <param name="Id">The job row, recorded before the request was answered.</param>
/// <param name="Collection">The collection it indexes into.</param>
/// <param name="Request">What to index.</param>
internal sealed record QueuedJob(long Id, CollectionInfo Collection, IndexingRequest Request)
{
    /// <summary>The pipeline's counters, live while the job runs (the job row is written only every few seconds).</summary>
    public IndexingProgress Progress { get; } = new();
}
