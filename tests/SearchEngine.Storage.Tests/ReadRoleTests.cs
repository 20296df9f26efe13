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
        var role = "se_reader_" + Guid.NewGuid().ToString("N")[..8];
        await ReadRole.EnsureAsync(dataSource, role, "reader-secret");
        try
        {
            var asReader = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = role, Password = "reader-secret", Pooling = false }.ConnectionString;
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
            NpgsqlConnection.ClearAllPools();
            // Roles are server-wide and outlive the test database: revoke what it was granted here, then drop it.
            await using var drop = dataSource.CreateCommand(
                $"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {role}; REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM {role}; " +
                $"REVOKE USAGE ON SCHEMA public FROM {role}; REVOKE CONNECT ON DATABASE \"{database.Name}\" FROM {role}; " +
                $"ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT ON TABLES FROM {role}; DROP ROLE {role}");
            await drop.ExecuteNonQueryAsync();
        }
    }
}
