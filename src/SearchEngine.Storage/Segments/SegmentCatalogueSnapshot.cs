using System.Data;
using Npgsql;
using SearchEngine.Core;
using SearchEngine.Storage.Documents;

namespace SearchEngine.Storage.Segments;

/// <summary>
/// A collection's catalogue at one point of its change log: where every live segment sits and the modality and text of
/// every document that has segments. The query path keeps it in memory so that a query needs PostgreSQL only for the
/// page it returns; the changes after <see cref="LastSequence"/> bring it up to date.
/// </summary>
/// <param name="LastSequence">The last change-log sequence whose effect the snapshot holds (0 when the log is empty).</param>
/// <param name="Documents">Every document of the collection that has at least one segment.</param>
/// <param name="Segments">Every live segment of the collection.</param>
public sealed record SegmentCatalogueSnapshot(long LastSequence, IReadOnlyList<DocumentSummary> Documents, IReadOnlyList<SegmentLocation> Segments)
{
    internal static async Task<SegmentCatalogueSnapshot> ReadAsync(NpgsqlDataSource dataSource, long collectionId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await SegmentSnapshot.LiftStatementTimeoutAsync(connection, transaction, cancellationToken);
        long lastSequence;
        await using (var command = new NpgsqlCommand("SELECT se_last_sequence($1)", connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = collectionId });
            lastSequence = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        var segments = new List<SegmentLocation>();
        await using (var command = new NpgsqlCommand("SELECT id, document_id, kind, start_s, end_s, text FROM segments WHERE collection_id = $1 ORDER BY id", connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = collectionId });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                segments.Add(ReadLocation(reader, reader.GetInt64(0), 1, 5));
            }
        }

        var documents = new List<DocumentSummary>();
        await using (var command = new NpgsqlCommand(
            """
            SELECT d.id, d.modality, d.title, d.caption FROM documents AS d
            WHERE d.collection_id = $1 AND EXISTS (SELECT 1 FROM segments AS s WHERE s.document_id = d.id)
            ORDER BY d.id
            """, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = collectionId });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                documents.Add(ReadDocument(reader, reader.GetInt64(0), 1));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new SegmentCatalogueSnapshot(lastSequence, documents, segments);
    }

    /// <summary>Reads (document_id, kind, start_s, end_s) from <paramref name="first"/> on, and the segment's text at <paramref name="text"/>.</summary>
    internal static SegmentLocation ReadLocation(NpgsqlDataReader reader, long segmentId, int first, int text) => new(
        segmentId,
        reader.GetInt64(first),
        SegmentKindNames.Parse(reader.GetString(first + 1)),
        reader.IsDBNull(first + 2) ? null : reader.GetDouble(first + 2),
        reader.IsDBNull(first + 3) ? null : reader.GetDouble(first + 3),
        reader.IsDBNull(text) ? null : reader.GetString(text));

    /// <summary>Reads (modality, title, caption) from <paramref name="first"/> on.</summary>
    internal static DocumentSummary ReadDocument(NpgsqlDataReader reader, long documentId, int first)
    {
        var name = reader.GetString(first);
        if (!ModalityNames.TryParse(name, out var modality))
        {
            throw new InvalidOperationException($"Document {documentId} has unknown modality '{name}'.");
        }

        return new DocumentSummary(
            documentId,
            modality,
            reader.IsDBNull(first + 1) ? null : reader.GetString(first + 1),
            reader.IsDBNull(first + 2) ? null : reader.GetString(first + 2));
    }
}
