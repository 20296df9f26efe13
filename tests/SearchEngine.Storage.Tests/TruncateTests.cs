using Npgsql;
using SearchEngine.Storage.Documents;
using SearchEngine.Testing;

namespace SearchEngine.Storage.Tests;

/// <summary>TRUNCATE bypasses the change log's triggers, so it is refused on every logged table and nothing is lost.</summary>
public sealed class TruncateTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Theory]
    [InlineData("segments")]
    [InlineData("documents")]
    [InlineData("segment_changes")]
    [InlineData("fingerprints")]
    [InlineData("collections CASCADE")]
    public async Task Truncate_is_refused_with_a_message_saying_to_delete_the_collection_and_nothing_is_removed(string table)
    {
        await using var dataSource = await TestStorage.OpenAsync(database);
        var collection = await TestStorage.CollectionAsync(dataSource, "truncate-" + table.Split(' ')[0], 4);
        await new DocumentStore(dataSource).WriteAsync(collection, [TestStorage.Document("a.jpg", "a" + table, TestStorage.Whole(new Random(1), 4))]);
        var before = await CountsAsync(dataSource);

        await using var truncate = dataSource.CreateCommand($"TRUNCATE {table}");
        var error = await Assert.ThrowsAsync<PostgresException>(() => truncate.ExecuteNonQueryAsync());

        Assert.Equal("0A000", error.SqlState);
        Assert.Contains("bypasses the segment change log", error.MessageText, StringComparison.Ordinal);
        Assert.Contains("Delete the collection instead", error.Hint, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync(dataSource));
    }

    private static async Task<(long Documents, long Segments, long Changes)> CountsAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM segments), (SELECT count(*) FROM segment_changes)");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }
}
