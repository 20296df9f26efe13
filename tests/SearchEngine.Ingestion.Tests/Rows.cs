using Npgsql;

namespace SearchEngine.Ingestion.Tests;

/// <summary>Reads what a collection holds straight from PostgreSQL, in a form two databases can be compared by.</summary>
public static class Rows
{
    public sealed record DocumentRow(string Uri, string Modality, string Sha256, string? Title, string? Caption, string Metadata);

    public sealed record SegmentRow(long Id, string Uri, string Kind, double? Start, double? End, float[] Vector);

    public static async Task<List<DocumentRow>> DocumentsAsync(string connectionString, string collection)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT d.uri, d.modality, d.content_sha256, d.title, d.caption, d.metadata::text
            FROM documents d JOIN collections c ON c.id = d.collection_id WHERE c.name = $1 ORDER BY d.uri
            """, connection);
        command.Parameters.AddWithValue(collection);
        var rows = new List<DocumentRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new DocumentRow(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5)));
        }

        return rows;
    }

    public static async Task<List<SegmentRow>> SegmentsAsync(string connectionString, string collection)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT s.id, d.uri, s.kind, s.start_s, s.end_s, s.vector
            FROM segments s JOIN documents d ON d.id = s.document_id JOIN collections c ON c.id = s.collection_id
            WHERE c.name = $1 ORDER BY d.uri, s.kind, s.start_s NULLS FIRST, s.id
            """, connection);
        command.Parameters.AddWithValue(collection);
        var rows = new List<SegmentRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var bytes = reader.GetFieldValue<byte[]>(5);
            var vector = new float[bytes.Length / 4];
            Buffer.BlockCopy(bytes, 0, vector, 0, bytes.Length);
            rows.Add(new SegmentRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetDouble(3), reader.IsDBNull(4) ? null : reader.GetDouble(4), vector));
        }

        return rows;
    }

    public static async Task<List<(string Path, string Stage, string Reason)>> FileErrorsAsync(string connectionString, string collection)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT e.path, e.stage, e.reason FROM file_errors e JOIN jobs j ON j.id = e.job_id JOIN collections c ON c.id = j.collection_id
            WHERE c.name = $1 AND j.id = (SELECT max(j2.id) FROM jobs j2 WHERE j2.collection_id = c.id) ORDER BY e.path
            """, connection);
        command.Parameters.AddWithValue(collection);
        var rows = new List<(string, string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return rows;
    }

    public static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
