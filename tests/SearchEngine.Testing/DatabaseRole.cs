using Npgsql;

namespace SearchEngine.Testing;

/// <summary>A login role a test creates (the API's read or write role) and must remove: roles are server-wide and outlive the test database.</summary>
public static class DatabaseRole
{
    /// <summary>A fresh role name with <paramref name="prefix"/>.</summary>
    public static string NewName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A connection string to <paramref name="database"/> as <paramref name="role"/>, unpooled so the role can be dropped.</summary>
    public static string ConnectionString(PostgresDatabase database, string role, string password) =>
        new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = role, Password = password, Pooling = false }.ConnectionString;

    /// <summary>Revokes what <paramref name="role"/> was granted in <paramref name="database"/>, then drops it.</summary>
    public static async Task DropAsync(NpgsqlDataSource owner, PostgresDatabase database, string role)
    {
        NpgsqlConnection.ClearAllPools();
        await using var drop = owner.CreateCommand(
            $"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {role}; REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {role}; " +
            $"REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM {role}; " +
            $"REVOKE USAGE ON SCHEMA public FROM {role}; REVOKE CONNECT ON DATABASE \"{database.Name}\" FROM {role}; " +
            $"ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT ON TABLES FROM {role}; DROP ROLE {role}");
        await drop.ExecuteNonQueryAsync();
    }
}
