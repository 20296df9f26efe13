using Microsoft.Extensions.Logging;
using SearchEngine.Fingerprints;
using SearchEngine.Storage.Segments;

namespace SearchEngine.Collections;

/// <summary>
/// A serving copy's fingerprint index with the change-log sequence it holds and the file it is saved to. Only its
/// <see cref="CollectionIndex"/> changes it, under the copy's writer lock; matching may run at any time.
/// </summary>
internal sealed partial class ServedFingerprints(FingerprintIndex index, long sequence, string path, string origin)
{
    public FingerprintIndex Index { get; } = index;

    public long Sequence { get; private set; } = sequence;

    public string Path { get; } = path;

    /// <summary>The sequence of the file on disk (the loaded or last saved one); -1 when unknown.</summary>
    public long SavedSequence { get; set; } = -1;

    /// <summary>When the file was last written by this copy.</summary>
    public DateTimeOffset SavedAt { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>
    /// Applies the fingerprint entries past <see cref="Sequence"/> (insert = add or replace, delete = remove; both
    /// idempotent) and moves <see cref="Sequence"/> to <paramref name="batchLastSequence"/>. A stored fingerprint that
    /// does not read back is logged and left out: one damaged row must not stop the copy from following the log.
    /// Returns the entries applied.
    /// </summary>
    public int Apply(IReadOnlyList<FingerprintChange> changes, long batchLastSequence, string collection, ILogger logger)
    {
        var applied = 0;
        foreach (var change in changes)
        {
            if (change.Sequence <= Sequence)
            {
                continue;
            }

            applied++;
            if (change.Data is not { } data)
            {
                Index.Remove(change.DocumentId);
                continue;
            }

            try
            {
                Index.Add(change.DocumentId, Fingerprint.FromBytes(data));
            }
            catch (InvalidDataException e)
            {
                Index.Remove(change.DocumentId);
                LogDamaged(logger, change.DocumentId, collection, e.Message);
            }
        }

        if (batchLastSequence > Sequence)
        {
            Sequence = batchLastSequence;
        }

        return applied;
    }

    /// <summary>Saves the index to <see cref="Path"/>; false (after logging why) when it could not: the file is only a cache.</summary>
    public bool TrySave(string collection, ILogger logger)
    {
        // Also on failure, so that a full disk is retried (and logged) once per save interval, not on every catch-up.
        SavedAt = DateTimeOffset.UtcNow;
        var sequence = Sequence;
        if (!IndexFileSaving.TrySave(() => FingerprintFile.Write(Index, Path, sequence, origin), "fingerprint index", Path, collection, logger))
        {
            return false;
        }

        SavedSequence = sequence;
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The stored fingerprint of document {DocumentId} in collection '{Collection}' is damaged ({Reason}); it is left out of the fingerprint index until the document is indexed again")]
    public static partial void LogDamaged(ILogger logger, long documentId, string collection, string reason);
}
