using Npgsql;

namespace SearchEngine.Storage.Housekeeping;

/// <summary>The content hashes documents refer to, for collecting the thumbnails (keyed by content) that none does.</summary>
public sealed class ContentReferences(NpgsqlDataSource dataSource)
{
    /// <summary>Every distinct <c>content_sha256</c> of every document, in every collection.</summary>
    public async Task<HashSet<string>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT DISTINCT content_sha256 FROM documents", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hashes.Add(reader.GetString(0));
        }

        return hashes;
    }
}
