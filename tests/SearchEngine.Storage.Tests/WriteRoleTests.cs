using Npgsql;
using SearchEngine.Storage.Collections;
using SearchEngine.Storage.Documents;
using SearchEngine.Storage.Serving;
using SearchEngine.Testing;

namespace SearchEngine.Storage.Tests;

/// <summary>The role of a query API that accepts writes: it writes documents through the stores, and still owns nothing.</summary>
public sealed class WriteRoleTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task The_write_role_may_create_write_and_delete_documents_but_not_change_the_schema_or_rewrite_keys()
    {
        await using var dataSource = await TestStorage.OpenAsync(database);
        var role = DatabaseRole.NewName("se_writer_");
        await WriteRole.EnsureAsync(dataSource, role, "writer-secret");
        try
        {
            await using var writer = NpgsqlDataSource.Create(DatabaseRole.ConnectionString(database, role, "writer-secret"));
            var random = new Random(3);
            // What an upload does: a collection, a document with a segment (its trigger appends to the change log), then a delete.
            var collection = await new CollectionStore(writer).CreateOrGetAsync("written", TestStorage.Pack, TestStorage.Fingerprint, 4);
            var documents = new DocumentStore(writer);
            await documents.WriteAsync(collection, [TestStorage.Document("/uploads/a.jpg", "a", TestStorage.Whole(random, 4))]);
            Assert.Single(await TestStorage.LiveSegmentsAsync(dataSource, collection.Id));
            Assert.Equal(1, (await documents.DeleteAsync(collection.Id, ["/uploads/a.jpg"])).DocumentsDeleted);
            Assert.Empty(await TestStorage.LiveSegmentsAsync(dataSource, collection.Id));
            // An upload's idempotency key, and a job with a file error, as the API's write endpoints record them.
            var idempotency = new Idempotency.IdempotencyStore(writer);
            await idempotency.ClaimAsync("key:1", "retry-1", new string('a', 64), TimeSpan.FromMinutes(2));
            await idempotency.CompleteAsync("key:1", "retry-1", new Idempotency.StoredResponse(201, "application/json", "{}"));
            var jobs = new Jobs.JobStore(writer);
            var job = await jobs.StartAsync(collection.Id);
            await jobs.AddFileErrorAsync(job, "/uploads/b.jpg", "decode", "truncated");
            Assert.True(await new CollectionStore(writer).DeleteAsync(collection.Id));

            foreach (var sql in new[] { "CREATE TABLE intruder (id int)", "DELETE FROM api_keys", "UPDATE api_keys SET scopes = ARRAY['admin']", "DROP TABLE documents" })
            {
                await using var write = writer.CreateCommand(sql);
                var denied = await Assert.ThrowsAsync<PostgresException>(() => write.ExecuteNonQueryAsync());
                Assert.True(denied.SqlState == "42501", $"{sql}: {denied.SqlState} {denied.MessageText}");
            }

            // Running it again (a second migrate) only resets the password.
            await WriteRole.EnsureAsync(dataSource, role, "writer-secret-2");
        }
        finally
        {
            await DatabaseRole.DropAsync(dataSource, database, role);
        }
    }
}
