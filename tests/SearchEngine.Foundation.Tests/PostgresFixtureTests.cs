using Npgsql;
using SearchEngine.Testing;

namespace SearchEngine.Foundation.Tests;

public sealed class PostgresFixtureTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Each_test_class_gets_a_fresh_empty_database_on_a_real_server()
    {
        await using var connection = await database.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_database(), (SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'), version()", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(database.Name, reader.GetString(0));
        Assert.Equal(0L, reader.GetInt64(1));
        Assert.StartsWith("PostgreSQL", reader.GetString(2), StringComparison.Ordinal);
    }
}
