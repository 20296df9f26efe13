using Npgsql;
using NpgsqlTypes;
using SearchEngine.Core;

namespace SearchEngine.Storage.Segments;

/// <summary>Bulk insert of segments with PostgreSQL binary COPY, inside the caller's transaction.</summary>
internal static class SegmentCopy
{
    private const string CopyCommand =
        "COPY segments (id, document_id, collection_id, kind, start_s, end_s, vector) FROM STDIN (FORMAT BINARY)";

    /// <summary>
    /// Writes <paramref name="segments"/> (document id, segment) and returns their new ids in the same order.
    /// Ids are drawn from the identity sequence first because COPY cannot return them.
    /// </summary>
    public static async Task<long[]> WriteAsync(
        NpgsqlConnection connection, CollectionInfo collection, IReadOnlyList<(long DocumentId, Segment Segment)> segments, CancellationToken cancellationToken)
    {
        var ids = await AllocateIdsAsync(connection, segments.Count, cancellationToken);
        if (ids.Length == 0)
        {
            return ids;
        }

        var buffer = new byte[VectorBytes.ByteLength(collection.Dimension)];
        await using var importer = await connection.BeginBinaryImportAsync(CopyCommand, cancellationToken);
        for (var i = 0; i < segments.Count; i++)
        {
            var (documentId, segment) = segments[i];
            VectorBytes.Encode(segment.Vector, buffer);
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(ids[i], NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(documentId, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(collection.Id, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(segment.Kind.ToName(), NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(importer, segment.Start, cancellationToken);
            await WriteNullableAsync(importer, segment.End, cancellationToken);
            // The importer copies the bytes into its own buffer before returning, so one scratch array serves every row.
            await importer.WriteAsync((ReadOnlyMemory<byte>)buffer, NpgsqlDbType.Bytea, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
        return ids;
    }

    private static async Task<long[]> AllocateIdsAsync(NpgsqlConnection connection, int count, CancellationToken cancellationToken)
    {
        var ids = new long[count];
        if (count == 0)
        {
            return ids;
        }

        await using var command = new NpgsqlCommand(
            "SELECT nextval(pg_get_serial_sequence('segments', 'id')) FROM generate_series(1, $1)", connection);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = count });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var i = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            ids[i++] = reader.GetInt64(0);
        }

        return ids;
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter importer, double? value, CancellationToken cancellationToken) =>
        value is { } v ? importer.WriteAsync(v, NpgsqlDbType.Double, cancellationToken) : importer.WriteNullAsync(cancellationToken);
}
