using SearchEngine.Ingestion.Sources;

namespace SearchEngine.Ingestion.Pipeline;

/// <summary>What one indexing job is asked to do.</summary>
/// <param name="Collection">The collection to index into (created and bound to the pack on first use).</param>
/// <param name="Folders">Folders to walk recursively.</param>
/// <param name="Manifest">A CSV/TSV/JSONL manifest of files; null when none.</param>
public sealed record IndexingRequest(string Collection, IReadOnlyList<string> Folders, string? Manifest = null)
{
    /// <summary>
    /// Files named one by one (uploads), after the folders and the manifest; each is checked against the media roots
    /// like a folder's files.
    /// </summary>
    public IReadOnlyList<SourceFile> Files { get; init; } = [];

    /// <summary>
    /// Run as the collection's one job: hold its job lock (a second job fails clearly), record a job row with progress,
    /// and mark jobs left running by a killed indexer failed. Off for uploads over HTTP, which are many small writes that
    /// may run side by side with each other and with a job, each its own transaction.
    /// </summary>
    public bool Exclusive { get; init; } = true;

    /// <summary>
    /// The job row to report into, recorded by the caller before the job ran (the query API answers a job request with
    /// its id at once and runs it later); null to record a new one when the job starts. Only with <see cref="Exclusive"/>.
    /// </summary>
    public long? JobId { get; init; }

    /// <summary>
    /// Open the collection's index file, replay each commit into it and save it. Off where a serving copy in the same
    /// process already follows the change log (the query API), so the collection is not held in memory twice.
    /// </summary>
    public bool UpdateIndexFile { get; init; } = true;

    /// <summary>Only report what would be indexed, skipped or deleted; write nothing and load no model.</summary>
    public bool DryRun { get; init; }

    /// <summary>Remove documents of the collection whose files were not seen by this job.</summary>
    public bool DeleteMissing { get; init; }

    /// <summary>
    /// When the collection exists but was built with another pack (id, fingerprint or dimension), delete it and index
    /// into a new one instead of refusing. For collections that can be rebuilt from their sources, such as the bundled
    /// sample after the default pack was retrained; without it a pack change is a <c>PackMismatchException</c>.
    /// </summary>
    public bool RebuildOnPackChange { get; init; }
}
