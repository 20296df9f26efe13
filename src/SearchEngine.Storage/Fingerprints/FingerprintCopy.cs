using Npgsql;
using NpgsqlTypes;
using SearchEngine.Storage.Documents;

namespace SearchEngine.Storage.Fingerprints;

/// <summary>Replaces the fingerprints of a batch of documents inside the caller's transaction.</summary>
internal static class FingerprintCopy
{
    private const string CopyCommand = "COPY fingerprints (document_id, collection_id, landmark_count, data) FROM STDIN (FORMAT BINARY)";

    /// <summary>
    /// Deletes the stored fingerprints of <paramref name="documentIds"/> (a re-indexed document without one loses its
    /// old one) and inserts the new ones. The log gets a delete and an insert per replaced fingerprint.
    /// </summary>
    public static async Task ReplaceAsync(
        NpgsqlConnection connection, long collectionId, long[] documentIds, IReadOnlyList<DocumentWrite> documents, CancellationToken cancellationToken)
    {
        await using (var delete = new NpgsqlCommand("DELETE FROM fingerprints WHERE document_id = ANY($1)", connection))
        {
            delete.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = documentIds });
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        if (!documents.Any(d => d.Fingerprint is not null))
        {
            return;
        }

        await using var importer = await connection.BeginBinaryImportAsync(CopyCommand, cancellationToken);
        for (var i = 0; i < documents.Count; i++)
        {
            if (documents[i].Fingerprint is not { } data)
            {
                continue;
            }

            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(documentIds[i], NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(collectionId, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(documents[i].FingerprintLandmarks, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync(data, NpgsqlDbType.Bytea, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }
}
