using Npgsql;
using SearchEngine.Storage.Migrations;
using SearchEngine.Testing;

namespace SearchEngine.Storage.Tests;

public sealed class MigrationRunnerTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Running_again_applies_nothing_and_the_schema_is_usable()
    {
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await new MigrationRunner(dataSource).ApplyAsync();

        var second = await new MigrationRunner(dataSource).ApplyAsync();

        Assert.Empty(second);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_name IN ('collections','documents','segments','segment_changes','jobs','file_errors')", connection);
        Assert.Equal(6L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task An_applied_migration_whose_script_changed_stops_the_run_naming_it()
    {
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await new MigrationRunner(dataSource).ApplyAsync();
        var original = Migration.Embedded[0];
        var edited = Migration.FromScript($"V{original.Version:000}__{original.Name}.sql", original.Sql + "\n-- edited after release\n");

        var error = await Assert.ThrowsAsync<MigrationException>(() => new MigrationRunner(dataSource, [edited]).ApplyAsync());

        Assert.Contains($"V{original.Version:000}", error.Message, StringComparison.Ordinal);
        Assert.Contains("changed after it was applied", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_migrated_by_a_newer_build_is_refused()
    {
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await new MigrationRunner(dataSource).ApplyAsync();
        var future = Migration.FromScript("V999__future.sql", "CREATE TABLE future_thing (id int);");
        await new MigrationRunner(dataSource, [.. Migration.Embedded, future]).ApplyAsync();
        try
        {
            var error = await Assert.ThrowsAsync<MigrationException>(() => new MigrationRunner(dataSource).ApplyAsync());
            Assert.Contains("V999", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var undo = new NpgsqlCommand("DROP TABLE future_thing; DELETE FROM schema_migrations WHERE version = 999", connection);
            await undo.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public void Migration_file_names_must_carry_a_version()
    {
        var error = Assert.Throws<FormatException>(() => Migration.FromScript("initial.sql", "SELECT 1"));
        Assert.Contains("V<number>__<name>.sql", error.Message, StringComparison.Ordinal);
    }
}
