using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SearchEngine.Core;
using SearchEngine.Core.Vectors;
using SearchEngine.Index;
using SearchEngine.Storage.Segments;

namespace SearchEngine.Collections;

/// <summary>
/// Opens collections' serving copies. The index file is a derived copy of PostgreSQL: it is loaded and brought up to
/// date from the change log; a file that is missing, damaged, of another dimension or ahead of the database (a reset
/// database) is rebuilt from PostgreSQL, with a log line saying so, and saved at once.
/// </summary>
public sealed class CollectionIndexLoader(SegmentStore segments, IOptions<CollectionIndexOptions> options, ILogger<CollectionIndexLoader>? logger = null)
{
    private readonly CollectionIndexOptions _options = options.Value;
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    /// <summary>The index file of <paramref name="collection"/>: one per collection, named by its id and name.</summary>
    public string FilePathOf(CollectionInfo collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        return Path.Combine(_options.ResolveIndexFolder(), $"{collection.Id.ToString(CultureInfo.InvariantCulture)}-{SafeName(collection.Name)}.hnsw");
    }

    /// <summary>Loads (or rebuilds) the index of <paramref name="collection"/> and replays every newer change.</summary>
    public Task<CollectionIndex> OpenAsync(CollectionInfo collection, CancellationToken cancellationToken = default) =>
        OpenAsync(collection, withCatalogue: false, cancellationToken);

    /// <summary>
    /// As <see cref="OpenAsync(CollectionInfo, CancellationToken)"/>, with the <see cref="CollectionCatalogue"/> the query
    /// path reads instead of PostgreSQL (segment locations, document modalities and texts), loaded after the index so it is
    /// never behind it, then caught up with it.
    /// </summary>
    public Task<CollectionIndex> OpenForQueriesAsync(CollectionInfo collection, CancellationToken cancellationToken = default) =>
        OpenAsync(collection, withCatalogue: true, cancellationToken);

    private async Task<CollectionIndex> OpenAsync(CollectionInfo collection, bool withCatalogue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        var path = FilePathOf(collection);
        var index = await LoadAsync(collection, path, cancellationToken).ConfigureAwait(false);
        CollectionCatalogue? catalogue = null;
        if (withCatalogue)
        {
            try
            {
                var snapshot = await segments.ReadCatalogueAsync(collection.Id, cancellationToken).ConfigureAwait(false);
                catalogue = CollectionCatalogue.From(snapshot);
            }
            catch
            {
                index.Dispose();
                throw;
            }
        }

        var serving = new CollectionIndex(collection, index, catalogue, path, segments, _options.ReplayBatchSize, _options.InsertThreads, _logger);
        try
        {
            var applied = await serving.CatchUpAsync(cancellationToken).ConfigureAwait(false);
            if (applied > 0)
            {
                _logger.LogInformation("Replayed {Changes} newer changes from PostgreSQL into the index of collection '{Collection}' (now at sequence {Sequence})",
                    applied, collection.Name, index.LastSequence);
            }

            return serving;
        }
        catch
        {
            serving.Dispose();
            throw;
        }
    }

    private async Task<IVectorIndex> LoadAsync(CollectionInfo collection, string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return await RebuildAsync(collection, path, "is missing", cancellationToken).ConfigureAwait(false);
        }

        HnswIndex loaded;
        try
        {
            loaded = HnswIndex.Load(path);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or EndOfStreamException or InvalidOperationException or ArgumentException)
        {
            return await RebuildAsync(collection, path, $"is corrupt ({e.Message})", cancellationToken).ConfigureAwait(false);
        }

        var stored = await segments.GetLastSequenceAsync(collection.Id, cancellationToken).ConfigureAwait(false);
        var problem = loaded.Dimension != collection.Dimension ? $"holds {loaded.Dimension}-d vectors, the collection {collection.Dimension}-d"
            : loaded.LastSequence > stored ? $"is ahead of PostgreSQL (sequence {loaded.LastSequence} > {stored}: the database was reset)"
            : null;
        if (problem is not null)
        {
            loaded.Dispose();
            return await RebuildAsync(collection, path, problem, cancellationToken).ConfigureAwait(false);
        }

        _logger.LogInformation("Loaded the index of collection '{Collection}' from {Path}: {Count} vectors up to sequence {Sequence}",
            collection.Name, path, loaded.Count, loaded.LastSequence);
        return loaded;
    }

    private async Task<IVectorIndex> RebuildAsync(CollectionInfo collection, string path, string why, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        await using var snapshot = await segments.OpenSnapshotAsync(collection.Id, cancellationToken).ConfigureAwait(false);
        _logger.LogWarning("The index file of collection '{Collection}' ({Path}) {Why}: rebuilding it from PostgreSQL ({Count} segments)",
            collection.Name, path, why, snapshot.Count);

        var index = new HnswIndex(new HnswOptions
        {
            Dimension = collection.Dimension,
            Metric = DistanceMetric.Cosine,
            M = _options.M,
            EfConstruction = _options.EfConstruction,
        });
        try
        {
            // Vectors are inserted in chunks as they stream in, so a rebuild holds one chunk of raw vectors at a time.
            var chunk = new RebuildChunk(index, collection.Dimension, 4096, _options.InsertThreads);
            await snapshot.ForEachAsync(chunk.Add, cancellationToken).ConfigureAwait(false);
            chunk.Flush();
            index.LastSequence = snapshot.LastSequence;
            index.Save(path);
        }
        catch
        {
            index.Dispose();
            throw;
        }

        _logger.LogWarning("Rebuilt the index of collection '{Collection}' from PostgreSQL: {Count} vectors up to sequence {Sequence} in {Seconds:F1} s; saved to {Path}",
            collection.Name, index.Count, index.LastSequence, TimeProvider.System.GetElapsedTime(started).TotalSeconds, path);
        return index;
    }

    private static string SafeName(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }

        return builder.Length > 64 ? builder.ToString(0, 64) : builder.ToString();
    }

    /// <summary>Buffers streamed vectors and inserts them a chunk at a time with the index's parallel batch insert.</summary>
    private sealed class RebuildChunk(HnswIndex index, int dimension, int capacity, int threads)
    {
        private readonly long[] _ids = new long[capacity];
        private readonly float[] _rows = new float[capacity * dimension];
        private int _count;

        public void Add(long segmentId, ReadOnlySpan<float> vector)
        {
            _ids[_count] = segmentId;
            vector.CopyTo(_rows.AsSpan(_count * dimension, dimension));
            if (++_count == capacity)
            {
                Flush();
            }
        }

        public void Flush()
        {
            if (_count > 0)
            {
                index.UpsertBatch(new ArraySegment<long>(_ids, 0, _count), _rows.AsMemory(0, _count * dimension), threads);
                _count = 0;
            }
        }
    }
}
