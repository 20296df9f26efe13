using System.Runtime.CompilerServices;
using Dapper;
using Npgsql;
using SearchEngine.Core;
using SearchEngine.Storage.Fingerprints;
using SearchEngine.Storage.Segments;

namespace SearchEngine.Storage.Documents;

/// <summary>
/// Documents and their segments. A write upserts a batch of documents and replaces their segments in one transaction,
/// under the collection's writer lock (see <c>se_lock_collection_writes</c> in V001), so a crash never leaves half a
/// document and the change log stays in commit order.
/// </summary>
public sealed partial class DocumentStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Decides, for each (uri, sha256), whether the file is new, unchanged (skip) or changed (re-index). With
    /// <paramref name="requireMediaFacts"/>, a document stored without the facts the media route checks (its sniffed type,
    /// final path and modification time; documents indexed before V002) counts as changed, so the indexer records them
    /// once instead of leaving the file served only as a download for ever.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, FileState>> CheckFilesAsync(
        long collectionId, IReadOnlyList<(string Uri, string ContentSha256)> files, bool requireMediaFacts = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var states = new Dictionary<string, FileState>(files.Count, StringComparer.Ordinal);
        if (files.Count == 0)
        {
            return states;
        }

        var stored = new Dictionary<string, (string Sha, string Status, bool HasMediaFacts)>(StringComparer.Ordinal);
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            var rows = await connection.QueryAsync<(string Uri, string Sha, string Status, bool HasMediaFacts)>(new CommandDefinition(
                "SELECT uri, content_sha256, status, media_type IS NOT NULL FROM documents WHERE collection_id = @collectionId AND uri = ANY(@uris)",
                new { collectionId, uris = files.Select(f => f.Uri).ToArray() }, cancellationToken: cancellationToken));
            foreach (var row in rows)
            {
                stored[row.Uri] = (row.Sha, row.Status, row.HasMediaFacts);
            }
        }

        foreach (var (uri, sha) in files)
        {
            states[uri] = !stored.TryGetValue(uri, out var existing) ? FileState.New
                : existing.Status == "indexed" && string.Equals(existing.Sha, sha, StringComparison.OrdinalIgnoreCase)
                  && (existing.HasMediaFacts || !requireMediaFacts) ? FileState.Unchanged
                : FileState.Changed;
        }

        return states;
    }

    /// <summary>
    /// Records again where unchanged files now lie and when they were last modified: a folder restored from a backup or
    /// copied with new modification times keeps every byte, so nothing is re-embedded, but the media route compares
    /// these facts before serving and would otherwise answer 409 for every such file. Only rows whose facts differ are
    /// written, and nothing goes to the change log: vectors and segments are untouched.
    /// </summary>
    /// <returns>How many documents had their facts recorded again.</returns>
    public async Task<int> RecordFileFactsAsync(
        long collectionId, IReadOnlyList<(string Uri, string? FinalPath, DateTimeOffset? ModifiedAt)> files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0)
        {
            return 0;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE documents AS d SET final_path = u.final_path, file_modified_at = u.modified_at, updated_at = now()
            FROM unnest(@uris, @finalPaths, @modifiedAts) AS u (uri, final_path, modified_at)
            WHERE d.collection_id = @collectionId AND d.uri = u.uri AND d.status = 'indexed'
              AND (d.final_path IS DISTINCT FROM u.final_path OR d.file_modified_at IS DISTINCT FROM u.modified_at)
            """,
            new
            {
                collectionId,
                uris = files.Select(f => f.Uri).ToArray(),
                finalPaths = files.Select(f => f.FinalPath).ToArray(),
                modifiedAts = files.Select(f => f.ModifiedAt).ToArray(),
            },
            cancellationToken: cancellationToken));
    }

    /// <summary>Decides whether one file is new, unchanged (skip) or changed (re-index).</summary>
    public async Task<FileState> CheckFileAsync(long collectionId, string uri, string contentSha256, CancellationToken cancellationToken = default)
    {
        var states = await CheckFilesAsync(collectionId, [(uri, contentSha256)], cancellationToken: cancellationToken);
        return states[uri];
    }

    /// <summary>
    /// Stores <paramref name="documents"/> in <paramref name="collection"/>: each is inserted, or replaces the document
    /// with the same uri (keeping its id; its old segments and fingerprint are deleted). Documents, segments (by binary
    /// COPY), fingerprints and change-log entries commit in one transaction: after a crash either all of the batch is
    /// there or none of it.
    /// </summary>
    /// <exception cref="ArgumentException">A document is invalid (see <see cref="DocumentWrite.EnsureValid"/>) or two share a uri.</exception>
    public async Task<DocumentWriteResult> WriteAsync(CollectionInfo collection, IReadOnlyList<DocumentWrite> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(documents);
        var uris = new HashSet<string>(documents.Count, StringComparer.Ordinal);
        var segmentCount = 0;
        foreach (var document in documents)
        {
            document.EnsureValid(collection.Dimension);
            if (!uris.Add(document.Uri))
            {
                throw new ArgumentException($"Document '{document.Uri}' appears twice in one write; a uri names one document.", nameof(documents));
            }

            segmentCount += document.Segments.Count;
        }

        if (documents.Count == 0)
        {
            return new DocumentWriteResult([], []);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockCollectionWritesAsync(connection, collection.Id, cancellationToken);

        var documentIds = await UpsertDocumentsAsync(connection, collection.Id, documents, cancellationToken);
        var removed = await DeleteSegmentsOfAsync(connection, documentIds, cancellationToken);

        var segments = new List<(long, Segment)>(segmentCount);
        for (var i = 0; i < documents.Count; i++)
        {
            foreach (var segment in documents[i].Segments)
            {
                segments.Add((documentIds[i], segment));
            }
        }

        var segmentIds = await SegmentCopy.WriteAsync(connection, collection, segments, cancellationToken);
        await FingerprintCopy.ReplaceAsync(connection, collection.Id, documentIds, documents, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var written = new WrittenDocument[documents.Count];
        var offset = 0;
        for (var i = 0; i < documents.Count; i++)
        {
            var count = documents[i].Segments.Count;
            written[i] = new WrittenDocument(documentIds[i], documents[i].Uri, new ArraySegment<long>(segmentIds, offset, count));
            offset += count;
        }

        return new DocumentWriteResult(written, removed);
    }

    /// <summary>Deletes the documents with these uris and their segments (the deletions go to the change log).</summary>
    public async Task<DocumentDeletion> DeleteAsync(long collectionId, IReadOnlyCollection<string> uris, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uris);
        if (uris.Count == 0)
        {
            return new DocumentDeletion(0, []);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockCollectionWritesAsync(connection, collectionId, cancellationToken);
        var uriArray = uris as string[] ?? uris.ToArray();
        var removed = (await connection.QueryAsync<long>(new CommandDefinition(
            """
            DELETE FROM segments WHERE document_id IN
                (SELECT id FROM documents WHERE collection_id = @collectionId AND uri = ANY(@uris))
            RETURNING id
            """, new { collectionId, uris = uriArray }, transaction, cancellationToken: cancellationToken))).ToList();
        var deleted = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM documents WHERE collection_id = @collectionId AND uri = ANY(@uris)",
            new { collectionId, uris = uriArray }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new DocumentDeletion(deleted, removed);
    }

    /// <summary>
    /// Deletes every document of the collection whose uri is not in <paramref name="presentUris"/> (the indexer's
    /// <c>--delete-missing</c>: files that are gone from disk).
    /// </summary>
    public async Task<DocumentDeletion> DeleteMissingAsync(long collectionId, IReadOnlySet<string> presentUris, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(presentUris);
        var missing = new List<string>();
        await foreach (var uri in ListUrisAsync(collectionId, cancellationToken))
        {
            if (!presentUris.Contains(uri))
            {
                missing.Add(uri);
            }
        }

        return await DeleteAsync(collectionId, missing, cancellationToken);
    }

    /// <summary>
    /// For each of <paramref name="contentSha256s"/> that an indexed document of the collection holds, that document's
    /// id (the oldest, when several hold it): how an upload learns which of its files the collection already has,
    /// whatever path they were indexed from, and which ids its new documents got.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, long>> FindIndexedByContentAsync(long collectionId, IReadOnlyCollection<string> contentSha256s, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contentSha256s);
        var ids = new Dictionary<string, long>(contentSha256s.Count, StringComparer.OrdinalIgnoreCase);
        if (contentSha256s.Count == 0)
        {
            return ids;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Sha, long Id)>(new CommandDefinition(
            """
            SELECT content_sha256, min(id) FROM documents
            WHERE collection_id = @collectionId AND content_sha256 = ANY(@shas) AND status = 'indexed'
            GROUP BY content_sha256
            """,
            new { collectionId, shas = contentSha256s as string[] ?? contentSha256s.ToArray() }, cancellationToken: cancellationToken));
        foreach (var (sha, id) in rows)
        {
            ids[sha] = id;
        }

        return ids;
    }

    /// <summary>Streams the uris of every document in the collection.</summary>
    public async IAsyncEnumerable<string> ListUrisAsync(long collectionId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT uri FROM documents WHERE collection_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = collectionId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return reader.GetString(0);
        }
    }

    /// <summary>The document with id <paramref name="documentId"/>, with its metadata, or null.</summary>
    public async Task<DocumentInfo?> GetAsync(long documentId, CancellationToken cancellationToken = default)
    {
        var documents = await GetManyAsync([documentId], cancellationToken);
        return documents.GetValueOrDefault(documentId);
    }

    /// <summary>The documents with these ids (missing ids are absent), for assembling search results.</summary>
    public async Task<IReadOnlyDictionary<long, DocumentInfo>> GetManyAsync(IReadOnlyCollection<long> documentIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentIds);
        var documents = new Dictionary<long, DocumentInfo>(documentIds.Count);
        if (documentIds.Count == 0)
        {
            return documents;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT {DocumentColumns.Select} FROM documents AS d WHERE d.id = ANY($1)", connection);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = documentIds as long[] ?? documentIds.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var document = DocumentColumns.Read(reader);
            documents[document.Id] = document;
        }

        return documents;
    }

    /// <summary>Where each of <paramref name="segmentIds"/> sits (document, kind, time span); ids that no longer exist are absent.</summary>
    public async Task<IReadOnlyDictionary<long, SegmentLocation>> GetSegmentLocationsAsync(IReadOnlyCollection<long> segmentIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(segmentIds);
        var locations = new Dictionary<long, SegmentLocation>(segmentIds.Count);
        if (segmentIds.Count == 0)
        {
            return locations;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT id, document_id, kind, start_s, end_s, text FROM segments WHERE id = ANY($1)", connection);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = segmentIds as long[] ?? segmentIds.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt64(0);
            locations[id] = new SegmentLocation(
                id,
                reader.GetInt64(1),
                SegmentKindNames.Parse(reader.GetString(2)),
                reader.IsDBNull(3) ? null : reader.GetDouble(3),
                reader.IsDBNull(4) ? null : reader.GetDouble(4),
                reader.IsDBNull(5) ? null : reader.GetString(5));
        }

        return locations;
    }

    private static async Task LockCollectionWritesAsync(NpgsqlConnection connection, long collectionId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT se_lock_collection_writes($1)", connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = collectionId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Inserts or updates the documents in one statement; returns their ids in input order.</summary>
    private static async Task<long[]> UpsertDocumentsAsync(NpgsqlConnection connection, long collectionId, IReadOnlyList<DocumentWrite> documents, CancellationToken cancellationToken)
    {
        var n = documents.Count;
        var uris = new string[n];
        var modalities = new string[n];
        var hashes = new string[n];
        var sizes = new long[n];
        var widths = new int?[n];
        var heights = new int?[n];
        var durations = new double?[n];
        var metadata = new string[n];
        var titles = new string?[n];
        var captions = new string?[n];
        var mediaTypes = new string?[n];
        var finalPaths = new string?[n];
        var modifiedAts = new DateTimeOffset?[n];
        for (var i = 0; i < n; i++)
        {
            var d = documents[i];
            uris[i] = d.Uri;
            modalities[i] = d.Modality.ToName();
            hashes[i] = d.NormalizedSha256;
            sizes[i] = d.SizeBytes;
            widths[i] = d.Width;
            heights[i] = d.Height;
            durations[i] = d.DurationSeconds;
            metadata[i] = d.MetadataJson;
            titles[i] = d.Title;
            captions[i] = d.Caption;
            mediaTypes[i] = d.MediaType;
            finalPaths[i] = d.FinalPath;
            modifiedAts[i] = d.FileModifiedAt;
        }

        await using var command = new NpgsqlCommand(
            """
            INSERT INTO documents AS d (collection_id, uri, modality, content_sha256, size_bytes, width, height, duration_s, metadata, title, caption, status,
                                        media_type, final_path, file_modified_at)
            SELECT $1, u.uri, u.modality, u.sha, u.size, u.width, u.height, u.duration, u.metadata::jsonb, u.title, u.caption, 'indexed',
                   u.media_type, u.final_path, u.file_modified_at
            FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[], $6::integer[], $7::integer[], $8::double precision[], $9::text[], $10::text[], $11::text[],
                        $12::text[], $13::text[], $14::timestamptz[])
                 AS u (uri, modality, sha, size, width, height, duration, metadata, title, caption, media_type, final_path, file_modified_at)
            ON CONFLICT (collection_id, uri) DO UPDATE SET
                modality = excluded.modality, content_sha256 = excluded.content_sha256, size_bytes = excluded.size_bytes,
                width = excluded.width, height = excluded.height, duration_s = excluded.duration_s, metadata = excluded.metadata,
                title = excluded.title, caption = excluded.caption, status = excluded.status, media_type = excluded.media_type,
                final_path = excluded.final_path, file_modified_at = excluded.file_modified_at, updated_at = now()
            RETURNING d.id, d.uri
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = collectionId });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = uris });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = modalities });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = hashes });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = sizes });
        command.Parameters.Add(new NpgsqlParameter<int?[]> { TypedValue = widths });
        command.Parameters.Add(new NpgsqlParameter<int?[]> { TypedValue = heights });
        command.Parameters.Add(new NpgsqlParameter<double?[]> { TypedValue = durations });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = metadata });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = titles });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = captions });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = mediaTypes });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = finalPaths });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?[]> { TypedValue = modifiedAts });

        // RETURNING order is not promised to follow the input; match rows back by uri.
        var idsByUri = new Dictionary<string, long>(n, StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                idsByUri[reader.GetString(1)] = reader.GetInt64(0);
            }
        }

        var ids = new long[n];
        for (var i = 0; i < n; i++)
        {
            ids[i] = idsByUri[uris[i]];
        }

        return ids;
    }

    private static async Task<List<long>> DeleteSegmentsOfAsync(NpgsqlConnection connection, long[] documentIds, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("DELETE FROM segments WHERE document_id = ANY($1) RETURNING id", connection);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = documentIds });
        var removed = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            removed.Add(reader.GetInt64(0));
        }

        return removed;
    }
}
