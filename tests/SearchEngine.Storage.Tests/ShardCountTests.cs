using Npgsql;
using SearchEngine.Storage.Collections;
using SearchEngine.Testing;

namespace SearchEngine.Storage.Tests;

public sealed class ShardCountTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task A_collection_is_unsharded_until_its_shard_count_is_set_and_every_read_then_carries_it()
    {
        await using var dataSource = await TestStorage.OpenAsync(database);
        var store = new CollectionStore(dataSource);
        var created = await TestStorage.CollectionAsync(dataSource, "sharded", 8);
        Assert.Equal(1, created.ShardCount);

        var sharded = await store.SetShardCountAsync(created.Id, 4);

        Assert.NotNull(sharded);
        Assert.Equal(4, sharded.ShardCount);
        Assert.Equal(created with { ShardCount = 4 }, sharded);
        Assert.Equal(4, (await store.GetAsync(created.Id))!.ShardCount);
        Assert.Equal(4, (await store.GetByNameAsync("sharded"))!.ShardCount);
        Assert.Equal(4, (await store.ListAsync()).Single(c => c.Id == created.Id).ShardCount);
        Assert.Equal(4, (await store.CreateOrGetAsync("sharded", TestStorage.Pack, TestStorage.Fingerprint, 8)).ShardCount);
        Assert.Null(await store.SetShardCountAsync(created.Id + 1000, 2));
    }

    [Fact]
    public async Task The_database_refuses_a_shard_count_out_of_range_even_from_other_writers()
    {
        await using var dataSource = await TestStorage.OpenAsync(database);
        var created = await TestStorage.CollectionAsync(dataSource, "bounded", 8);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => new CollectionStore(dataSource).SetShardCountAsync(created.Id, 0));

        await using var connection = await dataSource.OpenConnectionAsync();
        foreach (var count in new[] { 0, 1025 })
        {
            await using var update = new NpgsqlCommand($"UPDATE collections SET shard_count = {count} WHERE id = {created.Id}", connection);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.CheckViolation, refused.SqlState);
        }
    }
}
