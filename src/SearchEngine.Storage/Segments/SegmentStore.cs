using Dapper;
using Npgsql;
using SearchEngine.Storage.Serving;

namespace SearchEngine.Storage.Segments;

/// <summary>
/// The read side of segments for the vector index: a consistent snapshot to rebuild from, the change log to replay,
/// and stored vectors by id for exact rescoring. Segments are written with their document (see
/// <see cref="Documents.DocumentStore.WriteAsync"/>), so a document and its vectors commit together.
/// </summary>
public sealed class SegmentStore(NpgsqlDataSource dataSource)
{
    /// <summary>Opens a snapshot of the collection's vectors (see <see cref="SegmentSnapshot"/>); dispose it when done.</summary>
    public Task<SegmentSnapshot> OpenSnapshotAsync(long collectionId, CancellationToken cancellationToken = default) =>
        SegmentSnapshot.OpenAsync(dataSource, collectionId, cancellationToken);

    /// <summary>The collection's newest change-log sequence (0 when nothing was ever written).</summary>
    public async Task<long> GetLastSequenceAsync(long collectionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT se_last_sequence(@collectionId)",
            new { collectionId }, cancellationToken: cancellationToken));
    }

    /// <summary>Number of live segments in the collection.</summary>
    public async Task<long> CountAsync(long collectionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM segments WHERE collection_id = @collectionId", new { collectionId }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Up to <paramref name="limit"/> change-log entries after <paramref name="afterSequence"/>, in commit order.
    /// Applying them in order (insert = upsert the vector, delete = remove the id) to an index that holds the state at
    /// <paramref name="afterSequence"/> yields the state at <see cref="SegmentChangeBatch.LastSequence"/>.
    /// </summary>
    /// <exception cref="ChangeLogPrunedException">Housekeeping pruned entries after <paramref name="afterSequence"/>: rebuild instead.</exception>
    public Task<SegmentChangeBatch> ReadChangesAsync(long collectionId, long afterSequence, int limit = 10_000, CancellationToken cancellationToken = default) =>
        ReadChangesAsync(collectionId, afterSequence, ChangeLogContent.Vectors, limit, cancellationToken);

    /// <summary>
    /// As <see cref="ReadChangesAsync(long, long, int, CancellationToken)"/>, with each insert's location and document
    /// (<see cref="SegmentChange.Location"/>, <see cref="SegmentChange.Document"/>) read in the same snapshot, for a
    /// serving copy that keeps a catalogue of its segments beside the vectors.
    /// </summary>
    public Task<SegmentChangeBatch> ReadChangesWithDocumentsAsync(long collectionId, long afterSequence, int limit = 10_000, CancellationToken cancellationToken = default) =>
        ReadChangesAsync(collectionId, afterSequence, ChangeLogContent.Documents, limit, cancellationToken);

    /// <summary>
    /// The collection's catalogue (every live segment's location, every document that has segments) and the change-log
    /// sequence it is consistent with, read in one repeatable-read snapshot. Vectors are not read.
    /// </summary>
    public Task<SegmentCatalogueSnapshot> ReadCatalogueAsync(long collectionId, CancellationToken cancellationToken = default) =>
        SegmentCatalogueSnapshot.ReadAsync(dataSource, collectionId, cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> change-log entries after <paramref name="afterSequence"/>, in commit order, with
    /// what <paramref name="content"/> asks for beside the vectors. With <see cref="ChangeLogContent.Fingerprints"/> the
    /// batch also ends early, with <see cref="SegmentChangeBatch.HasMore"/>, once the fingerprints read pass
    /// <see cref="FingerprintBytesPerBatch"/>, so a catch-up after a large load holds a bounded amount of them at once.
    /// </summary>
    /// <exception cref="ChangeLogPrunedException">Housekeeping pruned entries after <paramref name="afterSequence"/>: rebuild instead.</exception>
    public async Task<SegmentChangeBatch> ReadChangesAsync(
        long collectionId, long afterSequence, ChangeLogContent content, int limit = 10_000, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var withDocuments = content.HasFlag(ChangeLogContent.Documents);
        var withFingerprints = content.HasFlag(ChangeLogContent.Fingerprints);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // The joins read the vector (and fingerprint) in the same snapshot as the log: an insert whose row is already
        // gone was deleted by a transaction that also logged the delete, and that entry is visible too, later in the log.
        // Fingerprint entries ('f', 'g') join no segment, so a read without them skips them.
        await using var command = new NpgsqlCommand(
            $"""
            SELECT c.seq, c.segment_id, CASE c.op WHEN 'i' THEN 0 WHEN 'd' THEN 1 WHEN 'f' THEN 2 ELSE 3 END, s.vector,
                   {(withDocuments ? "s.document_id, s.kind, s.start_s, s.end_s, d.modality, d.title, d.caption" : "NULL, NULL, NULL, NULL, NULL, NULL, NULL")},
                   c.document_id, {(withFingerprints ? "f.data" : "NULL::bytea")}, {(withDocuments ? "s.text" : "NULL::text")}
            FROM (SELECT seq, segment_id, document_id, op FROM segment_changes
                  WHERE collection_id = $1 AND seq > $2 ORDER BY seq LIMIT $3) AS c
            LEFT JOIN segments AS s ON c.op = 'i' AND s.id = c.segment_id
            {(withDocuments ? "LEFT JOIN documents AS d ON d.id = s.document_id" : "")}
            {(withFingerprints ? "LEFT JOIN fingerprints AS f ON c.op = 'f' AND f.document_id = c.document_id" : "")}
            ORDER BY c.seq
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = collectionId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterSequence });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);

        var changes = new List<SegmentChange>();
        var fingerprints = withFingerprints ? new List<FingerprintChange>() : null;
        var last = afterSequence;
        var read = 0;
        long fingerprintBytes = 0;
        var cut = false;
        while (await reader.ReadAsync(cancellationToken))
        {
            read++;
            last = reader.GetInt64(0);
            switch (reader.GetInt32(2))
            {
                case 0 when !reader.IsDBNull(3):
                    var segmentId = reader.GetInt64(1);
                    var vector = VectorBytes.Read(reader, 3);
                    changes.Add(withDocuments
                        ? new SegmentChange(last, segmentId, SegmentChangeKind.Insert, vector, SegmentCatalogueSnapshot.ReadLocation(reader, segmentId, 4, 13), SegmentCatalogueSnapshot.ReadDocument(reader, reader.GetInt64(4), 8))
                        : new SegmentChange(last, segmentId, SegmentChangeKind.Insert, vector));
                    break;
                case 1:
                    changes.Add(new SegmentChange(last, reader.GetInt64(1), SegmentChangeKind.Delete, null));
                    break;
                case 2 when fingerprints is not null && !reader.IsDBNull(12):
                    var data = reader.GetFieldValue<byte[]>(12);
                    fingerprints.Add(new FingerprintChange(last, reader.GetInt64(11), data));
                    fingerprintBytes += data.Length;
                    break;
                case 3 when fingerprints is not null:
                    fingerprints.Add(new FingerprintChange(last, reader.GetInt64(11), null));
                    break;
            }

            if (fingerprintBytes > FingerprintBytesPerBatch)
            {
                cut = true;
                break;
            }
        }

        await reader.DisposeAsync();
        // Checked after the read: pruning that committed before it began is seen here, and pruning that commits later
        // cannot have hidden entries from the read's snapshot.
        var prunedThrough = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT coalesce((SELECT pruned_through FROM change_log_horizons WHERE collection_id = @collectionId), 0)",
            new { collectionId }, cancellationToken: cancellationToken));
        if (afterSequence < prunedThrough)
        {
            throw new ChangeLogPrunedException(collectionId, afterSequence, prunedThrough);
        }

        return new SegmentChangeBatch(changes, last, cut || read == limit, fingerprints);
    }

    /// <summary>Fingerprint bytes after which a change-log read stops early (64 MiB).</summary>
    public const long FingerprintBytesPerBatch = 64L << 20;

    /// <summary>The vectors of every segment of <paramref name="documentId"/>, in segment order ("more like this" queries).</summary>
    public async Task<IReadOnlyList<float[]>> ReadDocumentVectorsAsync(long documentId, CancellationToken cancellationToken = default)
    {
        var vectors = new List<float[]>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT vector FROM segments WHERE document_id = $1 ORDER BY id", connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = documentId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            vectors.Add(VectorBytes.Read(reader, 0));
        }

        return vectors;
    }

    /// <summary>The stored vectors of <paramref name="segmentIds"/> (ids that no longer exist are absent), for exact rescoring.</summary>
    public async Task<IReadOnlyDictionary<long, float[]>> ReadVectorsAsync(IReadOnlyCollection<long> segmentIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(segmentIds);
        var vectors = new Dictionary<long, float[]>(segmentIds.Count);
        if (segmentIds.Count == 0)
        {
            return vectors;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT id, vector FROM segments WHERE id = ANY($1)", connection);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = segmentIds as long[] ?? segmentIds.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            vectors[reader.GetInt64(0)] = VectorBytes.Read(reader, 1);
        }

        return vectors;
    }
}
