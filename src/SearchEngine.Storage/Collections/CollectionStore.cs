using Dapper;
using Npgsql;
using SearchEngine.Core;

namespace SearchEngine.Storage.Collections;

/// <summary>Collections: named sets of documents, each bound for life to one model pack (id, fingerprint, dimension).</summary>
public sealed class CollectionStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, name, pack_id AS PackId, pack_fingerprint AS PackFingerprint, dimension, created_at AS CreatedAt, shard_count AS ShardCount";

    /// <summary>
    /// Returns the collection named <paramref name="name"/>, creating it bound to the pack when it does not exist.
    /// Safe when several processes create the same collection at once.
    /// </summary>
    /// <exception cref="PackMismatchException">The collection exists and was built with another pack, fingerprint or dimension.</exception>
    public async Task<CollectionInfo> CreateOrGetAsync(string name, string packId, string packFingerprint, int dimension, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(packId);
        ArgumentException.ThrowIfNullOrWhiteSpace(packFingerprint);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO collections (name, pack_id, pack_fingerprint, dimension)
            VALUES (@name, @packId, @packFingerprint, @dimension)
            ON CONFLICT (name) DO NOTHING
            """, new { name, packId, packFingerprint, dimension }, cancellationToken: cancellationToken));
        var existing = await GetByNameAsync(connection, name, cancellationToken)
            ?? throw new InvalidOperationException($"Collection '{name}' was deleted while it was being created; try again.");

        if (existing.PackId != packId || existing.PackFingerprint != packFingerprint || existing.Dimension != dimension)
        {
            // A dimension change under the same pack id and fingerprint is the same mistake told differently: another space.
            throw new PackMismatchException(name, existing.PackId, $"{existing.PackFingerprint}, {existing.Dimension}-d",
                packId, $"{packFingerprint}, {dimension}-d");
        }

        return existing;
    }

    /// <summary>
    /// Creates the collection named <paramref name="name"/> bound to the pack, or returns null when a collection of that
    /// name exists (whatever its pack): unlike <see cref="CreateOrGetAsync"/>, a caller asking to create learns that it
    /// did not.
    /// </summary>
    public async Task<CollectionInfo?> CreateAsync(string name, string packId, string packFingerprint, int dimension, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(packId);
        ArgumentException.ThrowIfNullOrWhiteSpace(packFingerprint);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<CollectionRow>(new CommandDefinition(
            $"""
            INSERT INTO collections (name, pack_id, pack_fingerprint, dimension)
            VALUES (@name, @packId, @packFingerprint, @dimension)
            ON CONFLICT (name) DO NOTHING
            RETURNING {Columns}
            """, new { name, packId, packFingerprint, dimension }, cancellationToken: cancellationToken));
        return row?.ToInfo();
    }

    /// <summary>The collection named <paramref name="name"/>, or null.</summary>
    public async Task<CollectionInfo?> GetByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await GetByNameAsync(connection, name, cancellationToken);
    }

    /// <summary>The collection with id <paramref name="id"/>, or null.</summary>
    public async Task<CollectionInfo?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<CollectionRow>(new CommandDefinition(
            $"SELECT {Columns} FROM collections WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToInfo();
    }

    /// <summary>
    /// Deletes the collection with id <paramref name="id"/> and, by cascade, its documents, segments, change log and
    /// jobs. Returns false when it did not exist.
    /// </summary>
    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM collections WHERE id = @id", new { id }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>
    /// Sets how many shards the collection's serving copies are split into and returns the collection as it now is, or
    /// null when it does not exist. Nothing is moved in PostgreSQL (segments are routed by
    /// <see cref="Core.Sharding.ShardRouting"/>); serving copies opened for another count are simply other files, so
    /// replicas must be reopened for the new count.
    /// </summary>
    public async Task<CollectionInfo?> SetShardCountAsync(long id, int shardCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(shardCount, Core.Sharding.ShardRouting.MaxShardCount);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<CollectionRow>(new CommandDefinition(
            $"UPDATE collections SET shard_count = @shardCount WHERE id = @id RETURNING {Columns}", new { id, shardCount }, cancellationToken: cancellationToken));
        return row?.ToInfo();
    }

    /// <summary>Every collection, by name.</summary>
    public async Task<IReadOnlyList<CollectionInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<CollectionRow>(new CommandDefinition(
            $"SELECT {Columns} FROM collections ORDER BY name", cancellationToken: cancellationToken));
        return rows.Select(r => r.ToInfo()).ToList();
    }

    /// <summary>Indexed documents per collection and modality, for listings; a collection without documents has no rows.</summary>
    public async Task<IReadOnlyList<CollectionDocumentCount>> CountDocumentsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long CollectionId, string Modality, long Documents)>(new CommandDefinition(
            "SELECT collection_id, modality, count(*) FROM documents WHERE status = 'indexed' GROUP BY collection_id, modality",
            cancellationToken: cancellationToken));

        // The table's CHECK constraint admits only the four wire names, so every row parses.
        return rows.Select(r => new CollectionDocumentCount(r.CollectionId, ModalityNames.TryParse(r.Modality, out var m) ? m : throw new InvalidOperationException($"Unknown modality '{r.Modality}' in documents."), r.Documents)).ToList();
    }

    private static async Task<CollectionInfo?> GetByNameAsync(NpgsqlConnection connection, string name, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<CollectionRow>(new CommandDefinition(
            $"SELECT {Columns} FROM collections WHERE name = @name", new { name }, cancellationToken: cancellationToken));
        return row?.ToInfo();
    }

    // Dapper maps by column name into this row type; the public record keeps DateTimeOffset and positional construction.
    private sealed class CollectionRow
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string PackId { get; init; } = "";
        public string PackFingerprint { get; init; } = "";
        public int Dimension { get; init; }
        public DateTime CreatedAt { get; init; }
        public int ShardCount { get; init; } = 1;

        public CollectionInfo ToInfo() => new(Id, Name, PackId, PackFingerprint, Dimension, new DateTimeOffset(DateTime.SpecifyKind(CreatedAt, DateTimeKind.Utc)))
        {
            ShardCount = ShardCount,
        };
    }
}
