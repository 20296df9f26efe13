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
        var role = DatabaseRole.NewName("se_keys_");
        await ReadRole.EnsureAsync(dataSource, role, "reader-secret");
        try
        {
            var asReader = DatabaseRole.ConnectionString(database, role, "reader-secret");
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
            await DatabaseRole.DropAsync(dataSource, database, role);
        }
    }
}
