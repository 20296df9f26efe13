namespace SearchEngine.Storage.Segments;

/// <summary>What happened to a segment.</summary>
public enum SegmentChangeKind
{
    /// <summary>The segment was inserted; <see cref="SegmentChange.Vector"/> holds its vector.</summary>
    Insert,

    /// <summary>The segment was deleted.</summary>
    Delete,
}

/// <summary>One entry of a collection's change log.</summary>
/// <param name="Sequence">Position in the log; increases in commit order within a collection.</param>
/// <param name="SegmentId">The segment (the vector's external id in the index).</param>
/// <param name="Kind">Insert or delete.</param>
/// <param name="Vector">The vector for inserts; null for deletes.</param>
/// <param name="Location">
/// For inserts read with <see cref="SegmentStore.ReadChangesWithDocumentsAsync"/>: where the segment sits; null otherwise.
/// </param>
/// <param name="Document">
/// For inserts read with <see cref="SegmentStore.ReadChangesWithDocumentsAsync"/>: the segment's document as it is in the
/// same snapshot as the log; null otherwise.
/// </param>
public sealed record SegmentChange(
    long Sequence, long SegmentId, SegmentChangeKind Kind, float[]? Vector, Documents.SegmentLocation? Location = null, Documents.DocumentSummary? Document = null);

/// <summary>One fingerprint entry of a collection's change log.</summary>
/// <param name="Sequence">Position in the log, in the same sequence as the segment entries.</param>
/// <param name="DocumentId">The document whose fingerprint changed.</param>
/// <param name="Data">The stored fingerprint for an insert; null for a delete.</param>
public sealed record FingerprintChange(long Sequence, long DocumentId, byte[]? Data)
{
    /// <summary>Whether the entry deletes the document's fingerprint.</summary>
    public bool IsDelete => Data is null;
}

/// <summary>A run of changes read from the log.</summary>
/// <param name="Changes">Changes to apply in order. Inserts of segments that a later entry deletes are left out (their delete follows).</param>
/// <param name="LastSequence">The sequence to resume after: the last entry read, or the requested start when nothing was read.</param>
/// <param name="HasMore">True when the batch was cut at its limit and more entries may follow; read again after <paramref name="LastSequence"/>.</param>
/// <param name="FingerprintChanges">
/// The fingerprint entries of the same stretch of the log, in log order, when they were asked for
/// (<see cref="ChangeLogContent.Fingerprints"/>); null otherwise. An insert whose fingerprint a later entry deleted is
/// left out (its delete follows); an insert of a fingerprint replaced later carries the newest bytes, which the later
/// entries replace again, so applying them in order (insert = add or replace, delete = remove) ends in the same state.
/// </param>
public sealed record SegmentChangeBatch(IReadOnlyList<SegmentChange> Changes, long LastSequence, bool HasMore, IReadOnlyList<FingerprintChange>? FingerprintChanges = null)
{
    /// <summary>The fingerprint entries (empty when they were not asked for).</summary>
    public IReadOnlyList<FingerprintChange> Fingerprints => FingerprintChanges ?? [];
}
