using Dapper;
using Npgsql;

namespace SearchEngine.Storage.Serving;

/// <summary>
/// The role a query API that accepts writes connects as (uploads, document edits and deletes, collections and jobs over
/// HTTP, each behind a key with the write or admin scope): what <see cref="ReadRole"/> may do, plus inserting, updating and
/// deleting rows of the data tables. It owns nothing, so it can change no schema, and it still may only make and revoke
/// API keys, not rewrite or delete them. Created by <c>searchengine-indexer migrate --write-role NAME</c>.
/// </summary>
public static class WriteRole
{
    /// <summary>The tables whose rows the write endpoints change (those that exist at this schema version are granted).</summary>
    private static readonly string[] DataTables =
    [
        "collections", "documents", "segments", "segment_changes", "fingerprints", "jobs", "file_errors", "idempotency_keys", "enrichments",
    ];

    /// <summary>Creates <paramref name="role"/> if missing, sets its password and grants reads and writes of the data tables.</summary>
    public static async Task EnsureAsync(NpgsqlDataSource dataSource, string role, string password, CancellationToken cancellationToken = default)
    {
        await ReadRole.EnsureAsync(dataSource, role, password, cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var present = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name = ANY(@tables)",
            new { tables = DataTables }, cancellationToken: cancellationToken))).Order(StringComparer.Ordinal).ToList();
        var name = ReadRole.Quote(role);
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            GRANT INSERT, UPDATE, DELETE ON {string.Join(", ", present)} TO {name};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {name};
            """, cancellationToken: cancellationToken));
    }
}
