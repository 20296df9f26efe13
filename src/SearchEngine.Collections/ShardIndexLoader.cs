using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SearchEngine.Core;
using SearchEngine.Core.Sharding;
using SearchEngine.Core.Vectors;
using SearchEngine.Index;
using SearchEngine.Storage.Segments;
using SearchEngine.Storage.Serving;

namespace SearchEngine.Collections;

/// <summary>
/// Opens the serving copy of one shard of a collection (<see cref="ShardIndex"/>). It follows
/// <see cref="CollectionIndexLoader"/>'s rules for the whole collection: the shard's file is only a cache of PostgreSQL,
/// loaded when intact, from this database and collection, of this shard and shard count (its origin says so), not
/// ahead of PostgreSQL and not older than the pruned log; failing that, another replica's file of the shard in the same
/// folder under the same rules; otherwise rebuilt from the shard's partition of the segments and saved at once. Then it
/// catches up from the change log, filtered to the shard. It is a type beside the collection loader, not a mode of it,
/// so the unsharded serving path stays exactly as it is.
/// </summary>
public sealed class ShardIndexLoader(
    SegmentStore segments, ServingCopyStore servingCopies, CollectionIndexLoader collections, IOptions<CollectionIndexOptions> options,
    ILogger<ShardIndexLoader>? logger = null)
{
    private readonly CollectionIndexOptions _options = options.Value;
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;
    private long _rebuilds;

    /// <summary>How many shard indexes this loader has rebuilt from PostgreSQL.</summary>
    public long Rebuilds => Interlocked.Read(ref _rebuilds);

    /// <summary>
    /// The index file of <paramref name="shard"/>: the collection's file name with <c>.shard{s}of{n}</c> (and
    /// <c>.replica{r}</c> when a <paramref name="replica"/> is given, so replicas that share a folder never write one
    /// file) before <c>.hnsw</c>.
    /// </summary>
    public string FilePathOf(CollectionInfo collection, Shard shard, int? replica = null)
    {
        ArgumentNullException.ThrowIfNull(collection);
        shard.Validated();
        var suffix = string.Create(CultureInfo.InvariantCulture, $".shard{shard.Index}of{shard.Count}{(replica is { } r ? $".replica{r}" : "")}.hnsw");
        return Path.ChangeExtension(collections.FilePathOf(collection), null) + suffix;
    }

    /// <summary>What the shard's file must say it was copied from: the collection's origin and the shard.</summary>
    public async Task<string> OriginOfAsync(CollectionInfo collection, Shard shard, CancellationToken cancellationToken = default)
    {
        var origin = await collections.OriginOfAsync(collection, cancellationToken).ConfigureAwait(false);
        return string.Create(CultureInfo.InvariantCulture, $"{origin};shard={shard.Index}/{shard.Count}");
    }

    /// <summary>Loads (or rebuilds) the index of <paramref name="shard"/> and replays every newer change of it.</summary>
    public async Task<ShardIndex> OpenAsync(CollectionInfo collection, Shard shard, int? replica = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collection);
        shard.Validated();
        var path = FilePathOf(collection, shard, replica);
        var origin = await OriginOfAsync(collection, shard, cancellationToken).ConfigureAwait(false);
        var (index, rebuilt) = await LoadAsync(collection, shard, replica, path, origin, cancellationToken).ConfigureAwait(false);
        var serving = new ShardIndex(collection, shard, index, path, segments, _options.ReplayBatchSize, _options.InsertThreads, _logger)
        {
            Rebuilt = rebuilt,
        };
        try
        {
            var applied = await serving.CatchUpAsync(cancellationToken).ConfigureAwait(false);
            if (applied > 0)
            {
                _logger.LogInformation("Replayed {Changes} newer changes into {Shard} of collection '{Collection}' (now at sequence {Sequence})",
                    applied, shard, collection.Name, serving.Sequence);
            }

            return serving;
        }
        catch
        {
            serving.Dispose();
            throw;
        }
    }

    private async Task<(HnswIndex Index, bool Rebuilt)> LoadAsync(
        CollectionInfo collection, Shard shard, int? replica, string path, string origin, CancellationToken cancellationToken)
    {
        var (loaded, problem) = await IndexFileFreshness.OpenAsync(path, collection, origin, segments, servingCopies, cancellationToken).ConfigureAwait(false);
        if (loaded is not null)
        {
            _logger.LogInformation("Loaded {Shard} of collection '{Collection}' from {Path}: {Count} vectors up to sequence {Sequence}",
                shard, collection.Name, path, loaded.Count, loaded.LastSequence);
            return (loaded, false);
        }

        // A replica placed anew (its silo died) finds no file of its own, but another replica of the shard may have
        // saved one in this folder: same shard, same origin, so it is as good a start as its own, and loading it takes
        // seconds where a rebuild of a large shard takes minutes and the survivors' cores.
        if (replica is not null)
        {
            foreach (var sibling in SiblingFiles(collection, shard, path))
            {
                var (copy, _) = await IndexFileFreshness.OpenAsync(sibling, collection, origin, segments, servingCopies, cancellationToken).ConfigureAwait(false);
                if (copy is not null)
                {
                    _logger.LogInformation("Loaded {Shard} of collection '{Collection}' from another replica's file {Sibling} (its own {Path} {Problem}): {Count} vectors up to sequence {Sequence}",
                        shard, collection.Name, sibling, path, problem, copy.Count, copy.LastSequence);
                    return (copy, false);
                }
            }
        }

        return (await RebuildAsync(collection, shard, path, origin, problem!, cancellationToken).ConfigureAwait(false), true);
    }

    /// <summary>The other replicas' files of <paramref name="shard"/> in the folder of <paramref name="path"/>, newest first.</summary>
    private IEnumerable<string> SiblingFiles(CollectionInfo collection, Shard shard, string path)
    {
        var folder = Path.GetDirectoryName(path);
        if (folder is null || !Directory.Exists(folder))
        {
            return [];
        }

        // Temporary files of a save in progress end in ".tmp-…", so the pattern's ".hnsw" ending leaves them out.
        var unreplicated = Path.GetFileName(FilePathOf(collection, shard));
        var pattern = string.Concat(unreplicated.AsSpan(0, unreplicated.Length - ".hnsw".Length), ".replica*.hnsw");
        return Directory.EnumerateFiles(folder, pattern)
            .Where(f => !string.Equals(f, path, StringComparison.Ordinal))
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .ToList();
    }

    /// <summary>
    /// Builds the shard's index from its partition of one consistent snapshot of the collection. The snapshot streams
    /// every segment and the shard keeps its own: reading a partition in SQL would need the routing hash in PostgreSQL too.
    /// </summary>
    private async Task<HnswIndex> RebuildAsync(CollectionInfo collection, Shard shard, string path, string origin, string why, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        await using var snapshot = await segments.OpenSnapshotAsync(collection.Id, cancellationToken).ConfigureAwait(false);
        _logger.LogWarning("The index file of {Shard} of collection '{Collection}' ({Path}) {Why}: rebuilding it from PostgreSQL",
            shard, collection.Name, path, why);
        var index = new HnswIndex(new HnswOptions
        {
            Dimension = collection.Dimension,
            Metric = DistanceMetric.Cosine,
            M = _options.M,
            EfConstruction = _options.EfConstruction,
        })
        {
            Origin = origin,
        };
        try
        {
            var chunk = new RebuildChunk(index, collection.Dimension, 4096, _options.InsertThreads);
            await snapshot.ForEachAsync((segmentId, vector) =>
            {
                if (shard.Holds(segmentId))
                {
                    chunk.Add(segmentId, vector);
                }
            }, cancellationToken).ConfigureAwait(false);
            chunk.Flush();
            index.LastSequence = snapshot.LastSequence;
        }
        catch
        {
            index.Dispose();
            throw;
        }

        _logger.LogWarning("Rebuilt {Shard} of collection '{Collection}' from PostgreSQL: {Count} vectors up to sequence {Sequence} in {Seconds:F1} s",
            shard, collection.Name, index.Count, index.LastSequence, TimeProvider.System.GetElapsedTime(started).TotalSeconds);
        Interlocked.Increment(ref _rebuilds);
        IndexFileSaving.TrySave(index, path, $"{collection.Name} ({shard})", _logger);
        return index;
    }
}
