using Dapper;
using Npgsql;

namespace SearchEngine.Storage.Serving;

/// <summary>
/// The role the query API connects as: it may read every table and write only <c>serving_copies</c> and API keys (its
/// admin endpoints make and revoke them: insert a row, set <c>revoked_at</c>), so a flaw in the API can neither change
/// the collections nor the schema. Created (or its password reset) by
/// <c>searchengine-indexer migrate --read-role NAME</c>, which needs CREATEROLE (deploy/postgres.sh grants it).
/// </summary>
public static class ReadRole
{
    /// <summary>Creates <paramref name="role"/> if missing, sets its password and grants what the API needs on this database.</summary>
    public static async Task EnsureAsync(NpgsqlDataSource dataSource, string role, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        ArgumentException.ThrowIfNullOrWhiteSpace(password);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var name = Quote(role);
        var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = @role)", new { role }, cancellationToken: cancellationToken));
        // Role DDL takes no parameters; the name is quoted as an identifier and the password as a literal.
        var passwordLiteral = "'" + password.Replace("'", "''", StringComparison.Ordinal) + "'";
        await connection.ExecuteAsync(new CommandDefinition(
            exists ? $"ALTER ROLE {name} LOGIN PASSWORD {passwordLiteral}" : $"CREATE ROLE {name} LOGIN PASSWORD {passwordLiteral}",
            cancellationToken: cancellationToken));
        var database = Quote(connection.Database);
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            GRANT CONNECT ON DATABASE {database} TO {name};
            GRANT USAGE ON SCHEMA public TO {name};
            GRANT SELECT ON ALL TABLES IN SCHEMA public TO {name};
            GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO {name};
            GRANT INSERT, UPDATE ON serving_copies TO {name};
            GRANT INSERT, UPDATE (revoked_at) ON api_keys TO {name};
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO {name};
            """, cancellationToken: cancellationToken));
    }

    /// <summary>An identifier quoted for role DDL, which takes no parameters.</summary>
    internal static string Quote(string identifier) =>
        "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
