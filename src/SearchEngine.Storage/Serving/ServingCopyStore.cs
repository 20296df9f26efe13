using Dapper;
using Npgsql;

namespace SearchEngine.Storage.Serving;

/// <summary>
/// What serving copies need from PostgreSQL besides the segments: the database's identity (recorded in index files so
/// a file from another database is never loaded), the change log's pruned horizon (a copy older than it rebuilds), and
/// the sequence each copy has applied (pruning keeps what a recently seen copy still needs).
/// </summary>
public sealed class ServingCopyStore(NpgsqlDataSource dataSource)
{
    /// <summary>The identity drawn when this database's schema was created (table <c>database_identity</c>).</summary>
    public async Task<Guid> GetDatabaseIdAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<Guid>(new CommandDefinition("SELECT id FROM database_identity", cancellationToken: cancellationToken));
    }

    /// <summary>The highest sequence pruning deleted from the collection's change log (0 when it was never pruned).</summary>
    public async Task<long> GetPrunedThroughAsync(long collectionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT coalesce((SELECT pruned_through FROM change_log_horizons WHERE collection_id = @collectionId), 0)",
            new { collectionId }, cancellationToken: cancellationToken));
    }

    /// <summary>Records that copy <paramref name="copyId"/> of the collection has applied the log up to <paramref name="sequence"/>.</summary>
    public async Task RecordAsync(string copyId, long collectionId, long sequence, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(copyId);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO serving_copies (copy_id, collection_id, sequence, seen_at) VALUES (@copyId, @collectionId, @sequence, now())
            ON CONFLICT (copy_id, collection_id) DO UPDATE SET sequence = excluded.sequence, seen_at = excluded.seen_at
            """, new { copyId, collectionId, sequence }, cancellationToken: cancellationToken));
    }
}
