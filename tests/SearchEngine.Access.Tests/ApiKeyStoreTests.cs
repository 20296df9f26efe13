using System.Text;
using Npgsql;
using SearchEngine.Testing;

namespace SearchEngine.Access.Tests;

public sealed class ApiKeyStoreTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task A_new_key_is_stored_as_a_pbkdf2_hash_and_its_secret_is_nowhere_in_the_table()
    {
        await using var dataSource = await KeyStorage.OpenAsync(database);
        var created = await KeyStorage.Store(dataSource).CreateAsync("ci pipeline", ["read", "write"], ["photos"]);

        Assert.True(ApiKeyToken.TryParse(created.Token, out var token));
        Assert.Equal(created.Key.Prefix, token.Value.Prefix);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT t::text, hash, salt, iterations FROM api_keys t WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", created.Key.Id);
        await using var row = await command.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        var wholeRow = row.GetString(0);
        var hash = (byte[])row[1];
        var salt = (byte[])row[2];
        Assert.DoesNotContain(token.Value.Secret, wholeRow, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Token, wholeRow, StringComparison.Ordinal);
        Assert.Equal(32, hash.Length);
        Assert.Equal(16, salt.Length);
        Assert.Equal(KeyStorage.Iterations, row.GetInt32(3));
        // The stored hash is exactly PBKDF2-SHA256 of the secret with the stored salt and count.
        var expected = System.Security.Cryptography.Rfc2898DeriveBytes.Pbkdf2(
            Encoding.UTF8.GetBytes(token.Value.Secret), salt, KeyStorage.Iterations, System.Security.Cryptography.HashAlgorithmName.SHA256, 32);
        Assert.Equal(expected, hash);
    }

    [Fact]
    public async Task Two_keys_differ_in_prefix_secret_and_salt()
    {
        await using var dataSource = await KeyStorage.OpenAsync(database);
        var store = KeyStorage.Store(dataSource);
        var a = await store.CreateAsync("a", ["read"], null);
        var b = await store.CreateAsync("b", ["read"], null);

        Assert.NotEqual(a.Key.Prefix, b.Key.Prefix);
        Assert.NotEqual(a.Token, b.Token);
        await using var command = dataSource.CreateCommand($"SELECT count(DISTINCT salt) FROM api_keys WHERE id IN ({a.Key.Id}, {b.Key.Id})");
        Assert.Equal(2L, (long)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Listing_shows_scopes_collections_and_revocation_and_revoking_twice_keeps_the_first_time()
    {
        await using var dataSource = await KeyStorage.OpenAsync(database);
        var store = KeyStorage.Store(dataSource);
        var limited = await store.CreateAsync("limited", ["read"], ["alpha", "beta", "alpha"]);
        var everything = await store.CreateAsync("everything", ["admin"], null);

        var first = await store.RevokeAsync(limited.Key.Id);
        await Task.Delay(20);
        var second = await store.RevokeAsync(limited.Key.Id);

        Assert.NotNull(first?.RevokedAt);
        Assert.Equal(first!.RevokedAt, second!.RevokedAt);
        Assert.Null(await store.RevokeAsync(long.MaxValue));
        var listed = (await store.ListAsync()).Where(k => k.Id == limited.Key.Id || k.Id == everything.Key.Id).ToList();
        Assert.Equal(["alpha", "beta"], listed[0].Collections);
        Assert.True(listed[0].IsRevoked);
        Assert.Null(listed[1].Collections);
        Assert.False(listed[1].IsRevoked);
        Assert.True(listed[1].AllowsCollection("anything") && listed[1].Grants(ApiScopes.Read));
    }

    [Theory]
    [InlineData("", "read", "name")]
    [InlineData("x", "", "scopes")]
    [InlineData("x", "read,owner", "scopes")]
    [InlineData("x", "Read", "scopes")]
    public async Task A_key_with_a_bad_field_is_refused_naming_the_field_and_nothing_is_stored(string name, string scopes, string field)
    {
        await using var dataSource = await KeyStorage.OpenAsync(database);
        var store = KeyStorage.Store(dataSource);
        var before = (await store.ListAsync()).Count;

        var refused = await Assert.ThrowsAsync<InvalidApiKeyRequestException>(() => store.CreateAsync(name, scopes.Split(','), null));

        Assert.Equal(field, refused.Field);
        Assert.Equal(before, (await store.ListAsync()).Count);
        Assert.Equal("collections", (await Assert.ThrowsAsync<InvalidApiKeyRequestException>(() => store.CreateAsync("x", ["read"], [" "]))).Field);
    }
}
