using Microsoft.Extensions.Options;
using Npgsql;
using SearchEngine.Storage.Serving;
using SearchEngine.Testing;

namespace SearchEngine.Access.Tests;

/// <summary>The query API runs under the read role: its admin endpoints may make and revoke keys, and nothing more.</summary>
public sealed class ReadRoleKeyTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task The_read_role_may_make_and_revoke_keys_but_not_delete_them_or_change_their_hash_or_scopes()
    {
        await using var dataSource = await KeyStorage.OpenAsync(database);
        var role = "se_keys_" + Guid.NewGuid().ToString("N")[..8];
        await ReadRole.EnsureAsync(dataSource, role, "reader-secret");
        try
        {
            var asReader = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = role, Password = "reader-secret", Pooling = false }.ConnectionString;
            await using var reader = NpgsqlDataSource.Create(asReader);
            var store = KeyStorage.Store(reader);

            var created = await store.CreateAsync("made by the API", ["read"], null);
            Assert.NotNull((await store.RevokeAsync(created.Key.Id))?.RevokedAt);
            var verifier = new ApiKeyVerifier(store, Options.Create(new AccessOptions()), TimeProvider.System);
            Assert.Equal(ApiKeyStatus.Revoked, (await verifier.VerifyAsync(created.Token)).Status);

            foreach (var sql in new[] { "DELETE FROM api_keys", "UPDATE api_keys SET scopes = ARRAY['admin']", "UPDATE api_keys SET hash = salt || salt" })
            {
                await using var write = reader.CreateCommand(sql);
                var denied = await Assert.ThrowsAsync<PostgresException>(() => write.ExecuteNonQueryAsync());
                Assert.Equal("42501", denied.SqlState);
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            // Roles are server-wide and outlive the test database: revoke what it was granted here, then drop it.
            await using var drop = dataSource.CreateCommand(
                $"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {role}; REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM {role}; " +
                $"REVOKE USAGE ON SCHEMA public FROM {role}; REVOKE CONNECT ON DATABASE \"{database.Name}\" FROM {role}; " +
                $"ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT ON TABLES FROM {role}; DROP ROLE {role}");
            await drop.ExecuteNonQueryAsync();
        }
    }
}
