using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using SearchEngine.Core;
using SearchEngine.Storage.Segments;

namespace SearchEngine.Storage.Enrichment;

/// <summary>
/// The state of the enrichment passes that add to documents after indexing (text read in pictures): which documents
/// are still to do, their results written with the record that they are done in one transaction (so a pass killed
/// at any point resumes where it stopped and never writes a document's text twice), and progress per collection.
/// </summary>
public sealed class EnrichmentStore(NpgsqlDataSource dataSource)
{
    /// <summary>The pass that reads text in pictures.</summary>
    public const string OcrPass = "ocr";

    /// <summary>
    /// Up to <paramref name="limit"/> pictures and videos of collection <paramref name="collectionId"/> that have no
    /// result for their current content, oldest first, after <paramref name="afterDocumentId"/> (so a worker that set
    /// a document aside goes on with the next one).
    /// </summary>
    public async Task<IReadOnlyList<PendingDocument>> PendingAsync(long collectionId, int limit, long afterDocumentId = 0, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT d.id, d.uri, d.modality, d.content_sha256
            FROM documents AS d
            WHERE d.collection_id = $1 AND d.id > $2 AND d.modality IN ('image', 'video') AND d.status = 'indexed'
              AND NOT EXISTS (SELECT 1 FROM enrichments AS e
                              WHERE e.document_id = d.id AND e.pass = 'ocr' AND e.content_sha256 = d.content_sha256)
            ORDER BY d.id
            LIMIT $3
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = collectionId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterDocumentId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var pending = new List<PendingDocument>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var modality = ModalityNames.TryParse(reader.GetString(2), out var parsed) ? parsed : Modality.Image;
            pending.Add(new PendingDocument(reader.GetInt64(0), reader.GetString(1), modality, reader.GetString(3)));
        }

        return pending;
    }

    /// <summary>
    /// Writes <paramref name="results"/> of collection <paramref name="collectionId"/>: each document's earlier text
    /// segments are replaced by the new ones and its result recorded, all in one transaction. A document deleted or
    /// changed since it was read is skipped (its new content is read again). Returns how many were written.
    /// </summary>
    public async Task<int> SaveAsync(long collectionId, IReadOnlyList<EnrichmentResult> results, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0)
        {
            return 0;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The collection's writer lock first, as every writer takes it: the segment triggers take it too, and taking it
        // here before the row locks below keeps the order the same as the indexer's.
        await using (var command = new NpgsqlCommand("SELECT se_lock_collection_writes($1)", connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = collectionId });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var current = new HashSet<long>();
        await using (var command = new NpgsqlCommand(
            "SELECT id FROM documents WHERE collection_id = $1 AND id = ANY($2) AND content_sha256 = ANY($3) FOR SHARE", connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = collectionId });
            command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. results.Select(r => r.Document.DocumentId)] });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. results.Select(r => r.Document.ContentSha256)] });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                current.Add(reader.GetInt64(0));
            }
        }

        var written = results.Where(r => current.Contains(r.Document.DocumentId)).ToList();
        if (written.Count == 0)
        {
            return 0;
        }

        var ids = written.Select(r => r.Document.DocumentId).ToArray();
        await using (var command = new NpgsqlCommand("DELETE FROM segments WHERE document_id = ANY($1) AND kind = 'ocr'", connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = ids });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var result in written)
        {
            foreach (var segment in result.Segments)
            {
                var bytes = new byte[VectorBytes.ByteLength(segment.Vector.Length)];
                VectorBytes.Encode(segment.Vector, bytes);
                await using var command = new NpgsqlCommand(
                    "INSERT INTO segments (document_id, collection_id, kind, start_s, vector, text, metadata) VALUES ($1, $2, 'ocr', $3, $4, $5, $6)",
                    connection, transaction);
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = result.Document.DocumentId });
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = collectionId });
                command.Parameters.Add(new NpgsqlParameter { Value = (object?)segment.Time ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Double });
                command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = bytes });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = segment.Text });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = segment.Metadata.GetRawText(), NpgsqlDbType = NpgsqlDbType.Jsonb });
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await using (var command = new NpgsqlCommand(
            """
            INSERT INTO enrichments (document_id, pass, collection_id, content_sha256, outcome, detail, words)
            SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::integer[])
            ON CONFLICT (document_id, pass) DO UPDATE SET
                content_sha256 = excluded.content_sha256, outcome = excluded.outcome, detail = excluded.detail,
                words = excluded.words, finished_at = now()
            """, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = ids });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. written.Select(_ => OcrPass)] });
            command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. written.Select(_ => collectionId)] });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. written.Select(r => r.Document.ContentSha256)] });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. written.Select(r => OutcomeName(r.Outcome))] });
            command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. written.Select(r => r.Detail)] });
            command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. written.Select(r => r.Segments.Sum(s => WordCount(s.Text)))] });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return written.Count;
    }

    /// <summary>How far the text pass is over collection <paramref name="collectionId"/>.</summary>
    public async Task<EnrichmentProgress> ProgressAsync(long collectionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT count(*),
                   count(e.document_id),
                   count(*) FILTER (WHERE e.outcome = 'text'),
                   count(*) FILTER (WHERE e.outcome = 'failed')
            FROM documents AS d
            LEFT JOIN enrichments AS e ON e.document_id = d.id AND e.pass = 'ocr' AND e.content_sha256 = d.content_sha256
            WHERE d.collection_id = $1 AND d.modality IN ('image', 'video') AND d.status = 'indexed'
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = collectionId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new EnrichmentProgress(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    /// <summary>The stored text segments <paramref name="segmentIds"/> (those still live), for a result page.</summary>
    public async Task<IReadOnlyDictionary<long, StoredText>> TextsAsync(IReadOnlyCollection<long> segmentIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(segmentIds);
        var texts = new Dictionary<long, StoredText>(segmentIds.Count);
        if (segmentIds.Count == 0)
        {
            return texts;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT id, text, start_s, metadata FROM segments WHERE id = ANY($1) AND text IS NOT NULL", connection);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. segmentIds] });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt64(0);
            texts[id] = new StoredText(
                id, reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetDouble(2),
                reader.IsDBNull(3) ? null : JsonDocument.Parse(reader.GetString(3)).RootElement.Clone());
        }

        return texts;
    }

    private static string OutcomeName(EnrichmentOutcome outcome) => outcome switch
    {
        EnrichmentOutcome.Text => "text",
        EnrichmentOutcome.NoText => "no_text",
        _ => "failed",
    };

    private static int WordCount(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
