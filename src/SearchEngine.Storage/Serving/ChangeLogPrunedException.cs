namespace SearchEngine.Storage.Serving;

/// <summary>
/// A serving copy asked for changes after a sequence that pruning has already passed: entries it needs (deletes among
/// them) are gone, so replaying would leave it short of them. It must rebuild from the segments.
/// </summary>
public sealed class ChangeLogPrunedException(long collectionId, long afterSequence, long prunedThrough)
    : InvalidOperationException($"The change log of collection {collectionId} was pruned through sequence {prunedThrough}, past this copy's sequence {afterSequence}: rebuild it from the segments.")
{
    /// <summary>The collection.</summary>
    public long CollectionId { get; } = collectionId;

    /// <summary>The highest pruned sequence.</summary>
    public long PrunedThrough { get; } = prunedThrough;
}
