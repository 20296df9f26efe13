using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SearchEngine.Core;
using SearchEngine.Core.Vectors;
using SearchEngine.Fingerprints;
using SearchEngine.Index;
using SearchEngine.Storage.Fingerprints;
using SearchEngine.Storage.Segments;
using SearchEngine.Storage.Serving;

namespace SearchEngine.Collections;

/// <summary>
/// Opens collections' serving copies. The index file is a derived copy of PostgreSQL: it is loaded and brought up to
/// date from the change log; a file that is missing, damaged, of another dimension, from another database or another
/// collection (its origin differs), ahead of the database (a reset database) or older than the pruned change log is
/// rebuilt from PostgreSQL, with a log line saying so, and saved at once. A save that fails (a full disk) is logged
/// and tolerated: the file is only a cache, and the rebuilt copy serves from memory. A copy opened for queries also gets
/// the collection's fingerprint index, from its own file beside the index file under the same checks, or rebuilt from
/// the fingerprints in PostgreSQL (when a <see cref="FingerprintStore"/> is given).
/// </summary>
public sealed class CollectionIndexLoader(
    SegmentStore segments, ServingCopyStore servingCopies, IOptions<CollectionIndexOptions> options, ILogger<CollectionIndexLoader>? logger = null,
    FingerprintStore? fingerprints = null, IOptions<FingerprintOptions>? fingerprintOptions = null)
{
    private readonly FingerprintOptions _fingerprintOptions = fingerprintOptions?.Value ?? new FingerprintOptions();
    private readonly CollectionIndexOptions _options = options.Value;
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;
    private long _rebuilds;
    private long _fingerprintRebuilds;

    /// <summary>How many indexes this loader has rebuilt from PostgreSQL (a rebuild loop shows here).</summary>
    public long Rebuilds => Interlocked.Read(ref _rebuilds);

    /// <summary>How many fingerprint indexes this loader has rebuilt from PostgreSQL.</summary>
    public long FingerprintRebuilds => Interlocked.Read(ref _fingerprintRebuilds);

    /// <summary>The fingerprint file of <paramref name="collection"/>, beside its index file.</summary>
    public string FingerprintFilePathOf(CollectionInfo collection) => FingerprintFile.PathBeside(FilePathOf(collection));

    /// <summary>The index file of <paramref name="collection"/>: one per collection, named by its id and name.</summary>
    public string FilePathOf(CollectionInfo collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        return Path.Combine(_options.ResolveIndexFolder(), $"{collection.Id.ToString(CultureInfo.InvariantCulture)}-{SafeName(collection.Name)}.hnsw");
    }

    /// <summary>
    /// Deletes the files this folder holds for <paramref name="collection"/> (deleted from PostgreSQL): its index file,
    /// its fingerprint file and its shards' files, which all share the index file's name up to its extension. Returns how
    /// many were deleted.
    /// </summary>
    public int DeleteFiles(CollectionInfo collection)
    {
        var path = FilePathOf(collection);
        var folder = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var deleted = 0;
        foreach (var file in Directory.EnumerateFiles(folder, Path.GetFileNameWithoutExtension(path) + ".*"))
        {
            File.Delete(file);
            deleted++;
        }

        return deleted;
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
        var origin = await OriginOfAsync(collection, cancellationToken).ConfigureAwait(false);
        var index = await LoadAsync(collection, path, origin, cancellationToken).ConfigureAwait(false);
        CollectionCatalogue? catalogue = null;
        ServedFingerprints? served = null;
        if (withCatalogue)
        {
            try
            {
                var snapshot = await segments.ReadCatalogueAsync(collection.Id, cancellationToken).ConfigureAwait(false);
                catalogue = CollectionCatalogue.From(snapshot);
                if (fingerprints is not null)
                {
                    served = await LoadFingerprintsAsync(collection, FingerprintFile.PathBeside(path), origin, fingerprints, cancellationToken).ConfigureAwait(false);
                }
            }
            catch
            {
                index.Dispose();
                throw;
            }
        }

        var serving = new CollectionIndex(collection, index, catalogue, path, segments, _options.ReplayBatchSize, _options.InsertThreads, _logger, served);
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

    /// <summary>
    /// What a file of this collection must say it was copied from: the database's identity (drawn when its schema was
    /// created), the collection's id and its creation time, so a file from another database, a reset one or an earlier
    /// collection that had the same id or name is never served.
    /// </summary>
    public async Task<string> OriginOfAsync(CollectionInfo collection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collection);
        var database = await servingCopies.GetDatabaseIdAsync(cancellationToken).ConfigureAwait(false);
        return string.Create(CultureInfo.InvariantCulture, $"database={database:D};collection={collection.Id};created={collection.CreatedAt.UtcTicks}");
    }

    private async Task<IVectorIndex> LoadAsync(CollectionInfo collection, string path, string origin, CancellationToken cancellationToken)
    {
        var (loaded, problem) = await IndexFileFreshness.OpenAsync(path, collection, origin, segments, servingCopies, cancellationToken).ConfigureAwait(false);
        if (loaded is null)
        {
            return await RebuildAsync(collection, path, origin, problem!, cancellationToken).ConfigureAwait(false);
        }

        _logger.LogInformation("Loaded the index of collection '{Collection}' from {Path}: {Count} vectors up to sequence {Sequence}",
            collection.Name, path, loaded.Count, loaded.LastSequence);
        return loaded;
    }

    private async Task<IVectorIndex> RebuildAsync(CollectionInfo collection, string path, string origin, string why, CancellationToken cancellationToken)
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
        })
        {
            Origin = origin,
        };
        try
        {
            // Vectors are inserted in chunks as they stream in, so a rebuild holds one chunk of raw vectors at a time.
            var chunk = new RebuildChunk(index, collection.Dimension, 4096, _options.InsertThreads);
            await snapshot.ForEachAsync(chunk.Add, cancellationToken).ConfigureAwait(false);
            chunk.Flush();
            index.LastSequence = snapshot.LastSequence;
        }
        catch
        {
            index.Dispose();
            throw;
        }

        _logger.LogWarning("Rebuilt the index of collection '{Collection}' from PostgreSQL: {Count} vectors up to sequence {Sequence} in {Seconds:F1} s",
            collection.Name, index.Count, index.LastSequence, TimeProvider.System.GetElapsedTime(started).TotalSeconds);
        Interlocked.Increment(ref _rebuilds);
        IndexFileSaving.TrySave(index, path, collection.Name, _logger);
        return index;
    }

    /// <summary>
    /// Loads the fingerprint file at <paramref name="path"/> when it is intact, from this collection of this database,
    /// not ahead of PostgreSQL and not older than the pruned log (the checks the index file gets); otherwise rebuilds
    /// the fingerprint index from PostgreSQL and saves it.
    /// </summary>
    private async Task<ServedFingerprints> LoadFingerprintsAsync(
        CollectionInfo collection, string path, string origin, FingerprintStore store, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return await RebuildFingerprintsAsync(collection, path, origin, store, "is missing", cancellationToken).ConfigureAwait(false);
        }

        FingerprintIndex loaded;
        long sequence;
        string loadedOrigin;
        try
        {
            (loaded, sequence, loadedOrigin) = FingerprintFile.Read(path, _fingerprintOptions);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or EndOfStreamException or ArgumentException)
        {
            return await RebuildFingerprintsAsync(collection, path, origin, store, $"is corrupt ({e.Message})", cancellationToken).ConfigureAwait(false);
        }

        var stored = await segments.GetLastSequenceAsync(collection.Id, cancellationToken).ConfigureAwait(false);
        var pruned = await servingCopies.GetPrunedThroughAsync(collection.Id, cancellationToken).ConfigureAwait(false);
        var problem = !string.Equals(loadedOrigin, origin, StringComparison.Ordinal) ? $"was copied from elsewhere ('{loadedOrigin}', expected '{origin}')"
            : sequence > stored ? $"is ahead of PostgreSQL (sequence {sequence} > {stored}: the database was reset)"
            : sequence < pruned ? $"is older than the pruned change log (sequence {sequence} < {pruned}: replaying would miss deletes)"
            : null;
        if (problem is not null)
        {
            return await RebuildFingerprintsAsync(collection, path, origin, store, problem, cancellationToken).ConfigureAwait(false);
        }

        _logger.LogInformation("Loaded the fingerprint index of collection '{Collection}' from {Path}: {Count} recordings up to sequence {Sequence}",
            collection.Name, path, loaded.DocumentCount, sequence);
        return new ServedFingerprints(loaded, sequence, path, origin) { SavedSequence = sequence };
    }

    private async Task<ServedFingerprints> RebuildFingerprintsAsync(
        CollectionInfo collection, string path, string origin, FingerprintStore store, string why, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        await using var snapshot = await store.OpenSnapshotAsync(collection.Id, cancellationToken).ConfigureAwait(false);
        _logger.LogWarning("The fingerprint file of collection '{Collection}' ({Path}) {Why}: rebuilding it from PostgreSQL ({Count} fingerprints, {Bytes} bytes)",
            collection.Name, path, why, snapshot.Count, snapshot.Bytes);
        var index = new FingerprintIndex(_fingerprintOptions);
        await snapshot.ForEachAsync((documentId, data) =>
        {
            try
            {
                index.Add(documentId, Fingerprint.FromBytes(data));
            }
            catch (InvalidDataException e)
            {
                ServedFingerprints.LogDamaged(_logger, documentId, collection.Name, e.Message);
            }
        }, cancellationToken).ConfigureAwait(false);

        _logger.LogWarning("Rebuilt the fingerprint index of collection '{Collection}' from PostgreSQL: {Count} recordings up to sequence {Sequence} in {Seconds:F1} s",
            collection.Name, index.DocumentCount, snapshot.LastSequence, TimeProvider.System.GetElapsedTime(started).TotalSeconds);
        Interlocked.Increment(ref _fingerprintRebuilds);
        var served = new ServedFingerprints(index, snapshot.LastSequence, path, origin);
        served.TrySave(collection.Name, _logger);
        return served;
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
}
