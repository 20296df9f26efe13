using SearchEngine.Core;

namespace SearchEngine.Collections;

/// <summary>Where collections' serving copies live and how their HNSW indexes are built (configuration section <c>Search</c>).</summary>
public sealed class CollectionIndexOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Search";

    /// <summary>Folder of the index files, one per collection (default: the cache's <c>index</c> folder).</summary>
    public string? IndexFolder { get; set; }

    /// <summary>Folder of the content-addressed thumbnails (default: <c>thumbnails</c> beside the index files).</summary>
    public string? ThumbnailFolder { get; set; }

    /// <summary>HNSW links per node for new indexes (default 16).</summary>
    public int M { get; set; } = 16;

    /// <summary>HNSW candidate list size while building (default 200).</summary>
    public int EfConstruction { get; set; } = 200;

    /// <summary>Change-log entries read per round trip while catching up (default 10,000).</summary>
    public int ReplayBatchSize { get; set; } = 10_000;

    /// <summary>
    /// Threads that insert vectors while rebuilding or catching up (0: all cores). One by default: a single-threaded
    /// build is deterministic for a given order, so a rebuilt index answers exactly as the one it replaces; a parallel
    /// batch insert once left a rebuilt 20-vector index answering differently (under investigation in the index).
    /// </summary>
    public int InsertThreads { get; set; } = 1;

    /// <summary>
    /// A serving copy is compacted (deleted nodes reclaimed, in the background) once deleted nodes are at least this
    /// fraction of its graph (default 0.2)…
    /// </summary>
    public double CompactDeletedFraction { get; set; } = 0.2;

    /// <summary>…and at least this many (default 1,000), so a small index is not rebuilt for a handful of deletes.</summary>
    public int CompactMinimumDeleted { get; set; } = 1000;

    /// <summary>
    /// How often, at most, a serving copy rewrites its fingerprint file after applying changes (default 15 minutes).
    /// The file lets a restart replay from it instead of rebuilding the fingerprints from PostgreSQL.
    /// </summary>
    public TimeSpan FingerprintSaveInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The name this process's serving copies record in <c>serving_copies</c> (default: the machine name and the index
    /// folder, which stays the same across restarts, so a restarted API does not leave a stale copy holding pruning back).
    /// </summary>
    public string? ServingCopyId { get; set; }

    /// <summary>The serving-copy name, defaulted.</summary>
    public string ResolveServingCopyId() =>
        string.IsNullOrWhiteSpace(ServingCopyId) ? $"{Environment.MachineName}:{ResolveIndexFolder()}" : ServingCopyId;

    /// <summary>The index folder, defaulted and created.</summary>
    public string ResolveIndexFolder()
    {
        var folder = string.IsNullOrWhiteSpace(IndexFolder) ? CacheDirectory.Folder("index") : Path.GetFullPath(IndexFolder);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>The thumbnail folder, defaulted and created.</summary>
    public string ResolveThumbnailFolder()
    {
        var folder = string.IsNullOrWhiteSpace(ThumbnailFolder)
            ? Path.Combine(ResolveIndexFolder(), "thumbnails")
            : Path.GetFullPath(ThumbnailFolder);
        Directory.CreateDirectory(folder);
        return folder;
    }
}
