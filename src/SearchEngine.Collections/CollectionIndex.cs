using Microsoft.Extensions.Logging;
using SearchEngine.Core;
using SearchEngine.Core.Vectors;
using SearchEngine.Fingerprints;
using SearchEngine.Storage.Segments;

namespace SearchEngine.Collections;

/// <summary>
/// A collection's serving copy: its vector index, which PostgreSQL's change log keeps up to date. The index holds every
/// change up to <see cref="IVectorIndex.LastSequence"/>; <see cref="CatchUpAsync"/> applies the rest, and
/// <see cref="Save"/> writes the file that the next start loads. Open one with <see cref="CollectionIndexLoader"/>.
/// A copy opened for queries also keeps a <see cref="CollectionCatalogue"/>, which the same catch-up changes from the same
/// log entries, so the two never disagree. Searches may run while it catches up; catch-ups and saves take turns.
/// It also keeps the collection's <see cref="Fingerprints"/> (opened for queries), changed by the fingerprint entries of
/// the same log and saved beside the index file with its own sequence.
/// </summary>
public sealed class CollectionIndex : IDisposable
{
    private readonly SegmentStore _segments;
    private readonly int _replayBatchSize;
    private readonly int _insertThreads;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly ServedFingerprints? _fingerprints;

    internal CollectionIndex(
        CollectionInfo collection, IVectorIndex index, CollectionCatalogue? catalogue, string filePath, SegmentStore segments, int replayBatchSize, int insertThreads, ILogger logger,
        ServedFingerprints? fingerprints = null)
    {
        _fingerprints = fingerprints;
        Catalogue = catalogue;
        _insertThreads = insertThreads;
        Collection = collection;
        Index = index;
        FilePath = filePath;
        _segments = segments;
        _replayBatchSize = replayBatchSize;
        _logger = logger;
    }

    /// <summary>The collection.</summary>
    public CollectionInfo Collection { get; }

    /// <summary>The live index to search; its ids are segment ids.</summary>
    public IVectorIndex Index { get; }

    /// <summary>Segment locations and document texts, kept in step with <see cref="Index"/>; null unless opened for queries.</summary>
    public CollectionCatalogue? Catalogue { get; }

    /// <summary>The index file.</summary>
    public string FilePath { get; }

    /// <summary>
    /// The collection's audio fingerprints, kept in step with the change log (they may be matched while it catches up);
    /// null unless opened for queries.
    /// </summary>
    public FingerprintIndex? Fingerprints => _fingerprints?.Index;

    /// <summary>The last change-log sequence <see cref="Fingerprints"/> holds (0 without them).</summary>
    public long FingerprintSequence => _fingerprints?.Sequence ?? 0;

    /// <summary>
    /// Applies every change committed after the index's <see cref="IVectorIndex.LastSequence"/>, in commit order, and
    /// returns how many were applied. Memory stays bounded: the log is read in batches. The catalogue, when there is
    /// one, applies the same entries (idempotently, so it may have been loaded at a later sequence than the index).
    /// The fingerprints, when there are some, may have been loaded at another sequence than the index (their file is
    /// saved on its own): the log is then read from the lower of the two, and each applies only the entries past its own.
    /// </summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var applied = 0;
            var content = (Catalogue is null ? ChangeLogContent.Vectors : ChangeLogContent.Documents)
                | (_fingerprints is null ? ChangeLogContent.Vectors : ChangeLogContent.Fingerprints);
            var from = _fingerprints is null ? Index.LastSequence : Math.Min(Index.LastSequence, _fingerprints.Sequence);
            SegmentChangeBatch batch;
            do
            {
                batch = await _segments.ReadChangesAsync(Collection.Id, from, content, _replayBatchSize, cancellationToken).ConfigureAwait(false);
                var changes = from >= Index.LastSequence ? batch.Changes : Past(batch.Changes, Index.LastSequence);
                Catalogue?.Apply(changes);
                Apply(changes);
                applied += changes.Count;
                if (batch.LastSequence > Index.LastSequence)
                {
                    Index.LastSequence = batch.LastSequence;
                }

                if (_fingerprints is not null)
                {
                    applied += _fingerprints.Apply(batch.Fingerprints, batch.LastSequence, Collection.Name, _logger);
                }

                from = batch.LastSequence;
            }
            while (batch.HasMore);

            return applied;
        }
        finally
        {
            _writer.Release();
        }
    }

    private static List<SegmentChange> Past(IReadOnlyList<SegmentChange> changes, long sequence)
    {
        var past = new List<SegmentChange>(changes.Count);
        foreach (var change in changes)
        {
            if (change.Sequence > sequence)
            {
                past.Add(change);
            }
        }

        return past;
    }

    /// <summary>
    /// Applies one batch of the log. Segments are immutable (a changed document gets new ids) and the log leaves out
    /// inserts that a later entry deletes, so a batch's inserts and deletes touch different ids and their order does
    /// not matter: deletes go first, then the inserts in one parallel batch insert.
    /// </summary>
    private void Apply(IReadOnlyList<SegmentChange> changes)
    {
        var inserts = 0;
        foreach (var change in changes)
        {
            if (change.Kind == SegmentChangeKind.Delete)
            {
                Index.Remove(change.SegmentId);
            }
            else
            {
                inserts++;
            }
        }

        if (inserts == 0)
        {
            return;
        }

        var dimension = Index.Dimension;
        var ids = new long[inserts];
        var rows = new float[inserts * dimension];
        var row = 0;
        foreach (var change in changes)
        {
            if (change.Kind == SegmentChangeKind.Insert)
            {
                ids[row] = change.SegmentId;
                change.Vector.AsSpan().CopyTo(rows.AsSpan(row * dimension, dimension));
                row++;
            }
        }

        Index.UpsertBatch(ids, rows, _insertThreads);
    }

    /// <summary>
    /// Writes the index file (and the fingerprint file, when there are fingerprints) atomically (temporary file, flush,
    /// rename), so a crash leaves the old file or the new one. Returns false, after logging why, when the file could not be written (a full disk): the copy in memory is intact.
    /// </summary>
    public bool Save()
    {
        _writer.Wait();
        try
        {
            var saved = IndexFileSaving.TrySave(Index, FilePath, Collection.Name, _logger);
            if (_fingerprints is not null)
            {
                saved &= _fingerprints.TrySave(Collection.Name, _logger);
            }

            if (saved)
            {
                _logger.LogDebug("Saved the index of collection '{Collection}' ({Count} vectors, sequence {Sequence}) to {Path}",
                    Collection.Name, Index.Count, Index.LastSequence, FilePath);
            }

            return saved;
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>
    /// Saves the fingerprint file when the copy has applied changes since the file was written and the last save is at
    /// least <paramref name="interval"/> old. Nothing else keeps that file current (the indexer saves only the index
    /// file), and a file left behind the pruned change log is rebuilt from PostgreSQL on the next start. Returns
    /// whether it saved.
    /// </summary>
    public bool SaveFingerprintsIfDue(TimeSpan interval)
    {
        if (_fingerprints is not { } fingerprints || fingerprints.Sequence == fingerprints.SavedSequence
            || DateTimeOffset.UtcNow - fingerprints.SavedAt < interval)
        {
            return false;
        }

        _writer.Wait();
        try
        {
            return fingerprints.TrySave(Collection.Name, _logger);
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>
    /// Compacts the graph when deleted nodes make up at least <paramref name="deletedFraction"/> of it and number at
    /// least <paramref name="minimumDeleted"/>: deleted nodes still cost memory and routing time on every search. The
    /// compacted graph is built aside and swapped in; searches run on the old one meanwhile. Returns the nodes reclaimed.
    /// </summary>
    public async Task<int> CompactIfWorthwhileAsync(double deletedFraction, int minimumDeleted, CancellationToken cancellationToken = default)
    {
        var deleted = Index.DeletedCount;
        if (deleted < Math.Max(1, minimumDeleted) || deleted < deletedFraction * (Index.Count + deleted))
        {
            return 0;
        }

        // Catch-ups wait rather than block on the compaction's write lock batch by batch.
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var before = Index.Count + Index.DeletedCount;
            var started = TimeProvider.System.GetTimestamp();
            await Task.Run(() => Index.Compact(_insertThreads), cancellationToken).ConfigureAwait(false);
            var reclaimed = before - (Index.Count + Index.DeletedCount);
            _logger.LogInformation("Compacted the index of collection '{Collection}': {Reclaimed} deleted nodes reclaimed, {Count} live, in {Seconds:F1} s",
                Collection.Name, reclaimed, Index.Count, TimeProvider.System.GetElapsedTime(started).TotalSeconds);
            return reclaimed;
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Index.Dispose();
        _writer.Dispose();
    }
}
