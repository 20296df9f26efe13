using Npgsql;
using SearchEngine.Storage.Migrations;
using SearchEngine.Testing;

namespace SearchEngine.Storage.Tests;

public sealed class MigrationConcurrencyTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Two_runners_starting_together_on_an_empty_database_both_succeed_and_apply_each_migration_once()
    {
        // Separate data sources: two services, two pools.
        await using var first = NpgsqlDataSource.Create(database.ConnectionString);
        await using var second = NpgsqlDataSource.Create(database.ConnectionString);
        using var start = new ManualResetEventSlim();
        var runs = new[] { first, second }.Select(source => Task.Run(async () =>
        {
            start.Wait();
            return await new MigrationRunner(source).ApplyAsync();
        })).ToArray();
        start.Set();
        var applied = await Task.WhenAll(runs);

        var all = applied.SelectMany(versions => versions).ToList();
        Assert.Equal(Migration.Embedded.Select(m => m.Version).Order(), all.Order());

        await using var connection = await first.OpenConnectionAsync();
        await using var count = new NpgsqlCommand("SELECT count(*), count(DISTINCT version) FROM schema_migrations", connection);
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(Migration.Embedded.Count, reader.GetInt64(0));
        Assert.Equal(Migration.Embedded.Count, reader.GetInt64(1));
    }
}
