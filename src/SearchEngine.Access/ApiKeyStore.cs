using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace SearchEngine.Access;

/// <summary>
/// API keys in PostgreSQL (table <c>api_keys</c>): made with a random secret that is returned once and stored only as
/// its PBKDF2 hash, listed without secrets, revoked by setting <c>revoked_at</c> (the row stays, as a record).
/// </summary>
public sealed class ApiKeyStore(NpgsqlDataSource dataSource, IOptions<AccessOptions> options)
{
    private const string Columns = "id, name, prefix, scopes, collections, created_at AS CreatedAt, revoked_at AS RevokedAt";

    /// <summary>Makes a key; the result's token is the only copy of the secret.</summary>
    /// <exception cref="InvalidApiKeyRequestException">The name is empty or too long, a scope is unknown, or a collection name is empty.</exception>
    public async Task<CreatedApiKey> CreateAsync(string name, IEnumerable<string> scopes, IEnumerable<string>? collections, CancellationToken cancellationToken = default)
    {
        var request = ApiKeyRequest.Validate(name, scopes, collections);
        var token = ApiKeyToken.New();
        var hashed = ApiKeyHasher.Hash(token.Secret, options.Value.HashIterations);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<KeyRow>(new CommandDefinition(
            $"""
            INSERT INTO api_keys (name, prefix, hash, salt, iterations, scopes, collections)
            VALUES (@Name, @Prefix, @Hash, @Salt, @Iterations, @Scopes, @Collections)
            RETURNING {Columns}
            """,
            new { request.Name, token.Prefix, hashed.Hash, hashed.Salt, hashed.Iterations, request.Scopes, request.Collections },
            cancellationToken: cancellationToken));
        return new CreatedApiKey(row.ToKey(), token.ToString());
    }

    /// <summary>Every key, revoked ones included, oldest first.</summary>
    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<KeyRow>(new CommandDefinition($"SELECT {Columns} FROM api_keys ORDER BY id", cancellationToken: cancellationToken));
        return rows.Select(r => r.ToKey()).ToList();
    }

    /// <summary>
    /// Revokes key <paramref name="id"/> and returns it as it now is, or null when there is no such key. Revoking a
    /// revoked key keeps its first revocation time.
    /// </summary>
    public async Task<ApiKey?> RevokeAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(
            $"UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = @id RETURNING {Columns}",
            new { id }, cancellationToken: cancellationToken));
        return row?.ToKey();
    }

    /// <summary>The key with public prefix <paramref name="prefix"/> and its stored hash, revoked or not; null when none.</summary>
    internal async Task<(ApiKey Key, HashedSecret Secret)?> FindAsync(string prefix, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(
            $"SELECT {Columns}, hash, salt, iterations FROM api_keys WHERE prefix = @prefix",
            new { prefix }, cancellationToken: cancellationToken));
        return row is null ? null : (row.ToKey(), new HashedSecret(row.Hash!, row.Salt!, row.Iterations));
    }

    // Dapper maps by column name into this row type; the public record keeps DateTimeOffset and read-only lists.
    private sealed class KeyRow
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string Prefix { get; init; } = "";
        public string[] Scopes { get; init; } = [];
        public string[]? Collections { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime? RevokedAt { get; init; }
        public byte[]? Hash { get; init; }
        public byte[]? Salt { get; init; }
        public int Iterations { get; init; }

        public ApiKey ToKey() => new(Id, Name, Prefix, Scopes, Collections, Utc(CreatedAt), RevokedAt is { } revoked ? Utc(revoked) : null);

        private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
    }
}
