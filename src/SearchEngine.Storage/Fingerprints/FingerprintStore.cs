using Dapper;
using Npgsql;

namespace SearchEngine.Storage.Fingerprints;

/// <summary>
/// The read side of audio fingerprints: a snapshot to rebuild a serving copy's fingerprint index from, and one
/// document's fingerprint. Fingerprints are written with their document (<see cref="Documents.DocumentStore.WriteAsync"/>)
/// and their changes come through the segment change log (<see cref="Segments.SegmentStore.ReadChangesAsync(long, long, Segments.ChangeLogContent, int, CancellationToken)"/>).
/// </summary>
public sealed class FingerprintStore(NpgsqlDataSource dataSource)
{
    /// <summary>Opens a snapshot of the collection's fingerprints (see <see cref="FingerprintSnapshot"/>); dispose it when done.</summary>
    public Task<FingerprintSnapshot> OpenSnapshotAsync(long collectionId, CancellationToken cancellationToken = default) =>
        FingerprintSnapshot.OpenAsync(dataSource, collectionId, cancellationToken);

    /// <summary>The stored fingerprint of <paramref name="documentId"/>, or null when it has none.</summary>
    public async Task<byte[]?> ReadAsync(long documentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<byte[]?>(new CommandDefinition(
            "SELECT data FROM fingerprints WHERE document_id = @documentId", new { documentId }, cancellationToken: cancellationToken));
    }

    /// <summary>Number of fingerprints stored for the collection.</summary>
    public async Task<long> CountAsync(long collectionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM fingerprints WHERE collection_id = @collectionId", new { collectionId }, cancellationToken: cancellationToken));
    }
}
