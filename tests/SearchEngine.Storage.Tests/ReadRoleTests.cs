using Npgsql;
using SearchEngine.Storage.Serving;
using SearchEngine.Testing;

namespace SearchEngine.Storage.Tests;

/// <summary>The query API's role reads everything and writes only its serving-copy records.</summary>
public sealed class ReadRoleTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task The_read_role_may_select_and_record_its_copy_but_not_change_documents_or_the_schema()
    {
        await using var dataSource = await TestStorage.OpenAsync(database);
        var collection = await TestStorage.CollectionAsync(dataSource, "roles", 4);
        var role = DatabaseRole.NewName("se_reader_");
        await ReadRole.EnsureAsync(dataSource, role, "reader-secret");
        try
        {
            var asReader = DatabaseRole.ConnectionString(database, role, "reader-secret");
            await using var reader = NpgsqlDataSource.Create(asReader);
            await using (var select = reader.CreateCommand("SELECT count(*) FROM collections"))
            {
                Assert.Equal(1L, (long)(await select.ExecuteScalarAsync())!);
            }

            await new ServingCopyStore(reader).RecordAsync("api", collection.Id, 0);
            await new ServingCopyStore(reader).RecordAsync("api", collection.Id, 0);

            foreach (var sql in new[] { "DELETE FROM documents", "INSERT INTO collections (name, pack_id, pack_fingerprint, dimension) VALUES ('x', 'p', 'f', 4)", "CREATE TABLE intruder (id int)", "DELETE FROM segment_changes" })
            {
                await using var write = reader.CreateCommand(sql);
                var denied = await Assert.ThrowsAsync<PostgresException>(() => write.ExecuteNonQueryAsync());
                Assert.Equal("42501", denied.SqlState);
            }

            // Running it again (a second migrate) only resets the password.
            await ReadRole.EnsureAsync(dataSource, role, "reader-secret-2");
        }
        finally
        {
            await DatabaseRole.DropAsync(dataSource, database, role);
        }
    }
}
