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
    /// <summary>Why <paramref name="loaded"/> must be rebuilt rather than served, or null when it may be caught up.</summary>
    public static async Task<string?> ProblemAsync(
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
