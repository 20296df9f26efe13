using System.Text.Json;
using Npgsql;
using SearchEngine.Core;

namespace SearchEngine.Storage.Documents;

/// <summary>The column list of <see cref="DocumentInfo"/> and its mapping from a reader row.</summary>
internal static class DocumentColumns
{
    public const string Select =
        "d.id, d.collection_id, d.uri, d.modality, d.content_sha256, d.size_bytes, d.width, d.height, d.duration_s, " +
        "d.title, d.caption, d.metadata::text, d.status, d.created_at, d.updated_at, d.media_type, d.final_path, d.file_modified_at";

    public static DocumentInfo Read(NpgsqlDataReader reader)
    {
        var modalityName = reader.GetString(3);
        if (!ModalityNames.TryParse(modalityName, out var modality))
        {
            throw new InvalidOperationException($"Document {reader.GetInt64(0)} has unknown modality '{modalityName}'.");
        }

        using var metadata = JsonDocument.Parse(reader.GetString(11));
        return new DocumentInfo(
            reader.GetInt64(0),
            reader.GetInt64(1),
            reader.GetString(2),
            modality,
            reader.GetString(4),
            reader.GetInt64(5),
            reader.IsDBNull(6) ? null : reader.GetInt32(6),
            reader.IsDBNull(7) ? null : reader.GetInt32(7),
            reader.IsDBNull(8) ? null : reader.GetDouble(8),
            reader.IsDBNull(9) ? null : reader.GetString(9),
            reader.IsDBNull(10) ? null : reader.GetString(10),
            metadata.RootElement.Clone(),
            reader.GetString(12),
            reader.GetFieldValue<DateTimeOffset>(13),
            reader.GetFieldValue<DateTimeOffset>(14))
        {
            MediaType = reader.IsDBNull(15) ? null : reader.GetString(15),
            FinalPath = reader.IsDBNull(16) ? null : reader.GetString(16),
            FileModifiedAt = reader.IsDBNull(17) ? null : reader.GetFieldValue<DateTimeOffset>(17),
        };
    }
}
