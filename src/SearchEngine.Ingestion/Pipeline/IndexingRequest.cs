namespace SearchEngine.Ingestion.Pipeline;

/// <summary>What one indexing job is asked to do.</summary>
/// <param name="Collection">The collection to index into (created and bound to the pack on first use).</param>
/// <param name="Folders">Folders to walk recursively.</param>
/// <param name="Manifest">A CSV/TSV/JSONL manifest of files; null when none.</param>
public sealed record IndexingRequest(string Collection, IReadOnlyList<string> Folders, string? Manifest = null)
{
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
