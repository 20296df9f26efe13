using Npgsql;
using NpgsqlTypes;
using SearchEngine.Storage.Segments;

namespace SearchEngine.Storage.Documents;

/// <summary>Edits and deletions of single documents by id (the write API).</summary>
public sealed partial class DocumentStore
{
    /// <summary>
    /// Changes the fields <paramref name="update"/> names on document <paramref name="documentId"/> and returns the
    /// document as it now is, or null when there is none. Serving copies hold a document's title and caption beside
    /// its segments and learn them only from the change log, and filters are cached per log position, so an edit also
    /// re-logs the document: its segments are copied under new ids (same vectors) and the old ones deleted, in the same
    /// transaction under the collection's writer lock. A changed caption replaces the untimed <c>caption</c> segment.
    /// </summary>
    /// <exception cref="ArgumentException">The edit is invalid (see <see cref="DocumentUpdate.EnsureValid"/>).</exception>
    public async Task<DocumentInfo?> UpdateAsync(long documentId, DocumentUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (!update.ChangesAnything)
        {
            return await GetAsync(documentId, cancellationToken);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await CollectionOfAsync(connection, transaction, documentId, cancellationToken) is not { } owner)
        {
            return null;
        }

        update.EnsureValid(owner.Dimension);
        await LockCollectionWritesAsync(connection, owner.CollectionId, cancellationToken);

        await using (var command = new NpgsqlCommand(
            """
            UPDATE documents SET
                title = CASE WHEN $2 THEN $3 ELSE title END,
                caption = CASE WHEN $4 THEN $5 ELSE caption END,
                metadata = CASE WHEN $6 THEN $7::jsonb ELSE metadata END,
                updated_at = now()
            WHERE id = $1
            """, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = documentId });
            command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = update.ChangesTitle });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)update.Title ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = update.ChangesCaption });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)update.Caption ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = update.ChangesMetadata });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = update.Metadata is { } metadata ? metadata.GetRawText() : "{}" });
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                // Deleted between the look-up and the lock.
                return null;
            }
        }

        // Copies first, then deletes: a serving copy replaying the log never sees the document without segments.
        var kept = new List<long>();
        await using (var command = new NpgsqlCommand(
            """
            INSERT INTO segments (document_id, collection_id, kind, start_s, end_s, vector, text, metadata)
            SELECT document_id, collection_id, kind, start_s, end_s, vector, text, metadata FROM segments
            WHERE document_id = $1 AND NOT ($2 AND kind = 'caption' AND start_s IS NULL)
            ORDER BY id
            RETURNING id
            """, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = documentId });
            command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = update.ChangesCaption });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                kept.Add(reader.GetInt64(0));
            }
        }

        if (update.CaptionVector is { } vector)
        {
            var bytes = new byte[VectorBytes.ByteLength(vector.Length)];
            VectorBytes.Encode(vector, bytes);
            await using var command = new NpgsqlCommand(
                "INSERT INTO segments (document_id, collection_id, kind, vector) VALUES ($1, $2, 'caption', $3) RETURNING id", connection, transaction);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = documentId });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = owner.CollectionId });
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = bytes });
            kept.Add((long)(await command.ExecuteScalarAsync(cancellationToken))!);
        }

        await using (var command = new NpgsqlCommand("DELETE FROM segments WHERE document_id = $1 AND id <> ALL($2)", connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = documentId });
            command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. kept] });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return await GetAsync(documentId, cancellationToken);
    }

    /// <summary>
    /// Deletes document <paramref name="documentId"/>, its segments and its fingerprint (the deletions go to the change
    /// log, under the collection's writer lock). Returns null when there was no such document.
    /// </summary>
    public async Task<DocumentDeletion?> DeleteByIdAsync(long documentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await CollectionOfAsync(connection, transaction, documentId, cancellationToken) is not { } owner)
        {
            return null;
        }

        await LockCollectionWritesAsync(connection, owner.CollectionId, cancellationToken);
        var removed = await DeleteSegmentsOfAsync(connection, [documentId], cancellationToken);
        await using (var command = new NpgsqlCommand("DELETE FROM documents WHERE id = $1", connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = documentId });
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                // Deleted by another request between the look-up and the lock.
                return null;
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new DocumentDeletion(1, removed);
    }

    /// <summary>
    /// The collection (id and dimension) of the document, or null when it does not exist. No row lock: writers take the
    /// collection's writer lock before any row, and so must an edit, or the two could wait on each other.
    /// </summary>
    private static async Task<(long CollectionId, int Dimension)?> CollectionOfAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long documentId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT d.collection_id, c.dimension FROM documents AS d JOIN collections AS c ON c.id = d.collection_id WHERE d.id = $1",
            connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = documentId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetInt32(1)) : null;
    }
}
