using Microsoft.Extensions.Logging;
using SearchEngine.Core;
using SearchEngine.Core.Sharding;
using SearchEngine.Core.Vectors;
using SearchEngine.Index;
using SearchEngine.Storage.Segments;

namespace SearchEngine.Collections;

/// <summary>
/// The serving copy of one shard of a collection: an HNSW index of only the segments that
/// <see cref="ShardRouting"/> puts in <see cref="Shard"/>, kept current from the collection's change log, of which it
/// applies only its own entries. Its <see cref="IVectorIndex.LastSequence"/> is the collection's: the log position up to
/// which every entry has been seen (and the other shards' entries skipped), so replicas of all shards at the same
/// sequence answer for the same state of the collection. Searches may run while it catches up; catch-ups and saves
/// take turns. Open one with <see cref="ShardIndexLoader"/>.
/// </summary>
public sealed class ShardIndex : IDisposable
{
    private readonly SegmentStore _segments;
    private readonly int _replayBatchSize;
    private readonly int _insertThreads;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _writer = new(1, 1);

    internal ShardIndex(CollectionInfo collection, Shard shard, HnswIndex index, string filePath, SegmentStore segments, int replayBatchSize, int insertThreads, ILogger logger)
    {
        Collection = collection;
        Shard = shard;
        Index = index;
        FilePath = filePath;
        _segments = segments;
        _replayBatchSize = replayBatchSize;
        _insertThreads = insertThreads;
        _logger = logger;
    }

    /// <summary>The collection.</summary>
    public CollectionInfo Collection { get; }

    /// <summary>Which shard of the collection this copy serves.</summary>
    public Shard Shard { get; }

    /// <summary>The shard's live index; its ids are segment ids.</summary>
    public HnswIndex Index { get; }

    /// <summary>The shard's index file.</summary>
    public string FilePath { get; }

    /// <summary>Whether the copy was rebuilt from PostgreSQL when it opened, rather than loaded from its index file.</summary>
    public bool Rebuilt { get; init; }

    /// <summary>The change-log sequence the copy has applied (the collection's log, all shards' entries seen).</summary>
    public long Sequence => Index.LastSequence;

    /// <summary>The shard's <paramref name="k"/> nearest segments to <paramref name="query"/> with a candidate list of <paramref name="ef"/>.</summary>
    public IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, int k, int ef) =>
        Index.Search(query, k, new VectorSearchOptions { Ef = ef });

    /// <summary>
    /// Applies every change of this shard committed after <see cref="Sequence"/> and advances it past the other shards'
    /// changes too; returns how many changes of this shard were applied. The log is read in batches, so memory stays
    /// bounded; other shards' vectors are read and dropped (filtering in SQL would need the hash in PostgreSQL).
    /// </summary>
    /// <exception cref="Storage.Serving.ChangeLogPrunedException">The log was pruned past <see cref="Sequence"/>: reopen (rebuild) the copy.</exception>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var applied = 0;
            SegmentChangeBatch batch;
            do
            {
                batch = await _segments.ReadChangesAsync(Collection.Id, Index.LastSequence, ChangeLogContent.Vectors, _replayBatchSize, cancellationToken).ConfigureAwait(false);
                applied += Apply(batch.Changes);
                if (batch.LastSequence > Index.LastSequence)
                {
                    Index.LastSequence = batch.LastSequence;
                }
            }
            while (batch.HasMore);

            return applied;
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>
    /// Applies this shard's entries of one batch: deletes first, then the inserts in one batch insert (segments are
    /// immutable and the log leaves out inserts that a later entry deletes, so their order within a batch does not matter).
    /// </summary>
    private int Apply(IReadOnlyList<SegmentChange> changes)
    {
        var ids = new List<long>();
        var rows = new List<float>();
        var applied = 0;
        foreach (var change in changes)
        {
            if (!Shard.Holds(change.SegmentId))
            {
                continue;
            }

            applied++;
            if (change.Kind == SegmentChangeKind.Delete)
            {
                Index.Remove(change.SegmentId);
            }
            else if (change.Vector is { } vector)
            {
                ids.Add(change.SegmentId);
                rows.AddRange(vector);
            }
        }

        if (ids.Count > 0)
        {
            Index.UpsertBatch(ids.ToArray(), rows.ToArray(), _insertThreads);
        }

        return applied;
    }

    /// <summary>Writes the shard's index file atomically; false (logged) when it could not be written: the copy in memory is intact.</summary>
    public bool Save()
    {
        _writer.Wait();
        try
        {
            return IndexFileSaving.TrySave(Index, FilePath, $"{Collection.Name} ({Shard})", _logger);
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
