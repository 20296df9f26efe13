using SearchEngine.Core;
using SearchEngine.Index;
using SearchEngine.Storage.Segments;
using SearchEngine.Storage.Serving;

namespace SearchEngine.Collections;

/// <summary>
/// Whether a loaded index file may serve its collection (whole or one shard): it must come from this database and
/// collection, hold vectors of the collection's dimension, not be ahead of PostgreSQL (a reset database) and not be
/// older than the pruned change log (replaying would miss deletes). Whole-collection and shard copies judge alike.
/// </summary>
internal static class IndexFileFreshness
{
    /// <summary>
    /// The index file at <paramref name="path"/> when it may serve (to be caught up), or why it must be rebuilt: missing,
    /// unreadable, or stale by <see cref="ProblemAsync"/>. A file that is refused is closed here.
    /// </summary>
    public static async Task<(HnswIndex? Loaded, string? Problem)> OpenAsync(
        string path, CollectionInfo collection, string origin, SegmentStore segments, ServingCopyStore servingCopies, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return (null, "is missing");
        }

        HnswIndex loaded;
        try
        {
            loaded = HnswIndex.Load(path);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or EndOfStreamException or InvalidOperationException or ArgumentException)
        {
            return (null, $"is corrupt ({e.Message})");
        }

        string? problem;
        try
        {
            problem = await ProblemAsync(loaded, collection, origin, segments, servingCopies, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            loaded.Dispose();
            throw;
        }

        if (problem is not null)
        {
            loaded.Dispose();
            return (null, problem);
        }

        return (loaded, null);
    }

    /// <summary>Why <paramref name="loaded"/> must be rebuilt rather than served, or null when it may be caught up.</summary>
    private static async Task<string?> ProblemAsync(
        HnswIndex loaded, CollectionInfo collection, string origin, SegmentStore segments, ServingCopyStore servingCopies, CancellationToken cancellationToken)
    {
        var stored = await segments.GetLastSequenceAsync(collection.Id, cancellationToken).ConfigureAwait(false);
        var pruned = await servingCopies.GetPrunedThroughAsync(collection.Id, cancellationToken).ConfigureAwait(false);
        return !string.Equals(loaded.Origin, origin, StringComparison.Ordinal) ? $"was copied from elsewhere ('{loaded.Origin}', expected '{origin}')"
            : loaded.Dimension != collection.Dimension ? $"holds {loaded.Dimension}-d vectors, the collection {collection.Dimension}-d"
            : loaded.LastSequence > stored ? $"is ahead of PostgreSQL (sequence {loaded.LastSequence} > {stored}: the database was reset)"
            : loaded.LastSequence < pruned ? $"is older than the pruned change log (sequence {loaded.LastSequence} < {pruned}: replaying would miss deletes)"
            : null;
    }
}
