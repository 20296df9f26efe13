using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using SearchEngine.Core;
using SearchEngine.Storage.Jobs;
using SearchEngine.Testing;

namespace SearchEngine.Ingestion.Tests.Serving;

/// <summary>The real indexer as a child process: a busy collection, and the migrate and housekeeping commands.</summary>
public sealed class IndexerProcessTests(PostgresDatabase database, PackFixture fixture) : IClassFixture<PostgresDatabase>, IClassFixture<PackFixture>
{
    [Fact]
    public async Task A_second_indexer_process_on_a_busy_collection_exits_75_naming_the_running_job_and_deletes_nothing()
    {
        var first = Directory.CreateTempSubdirectory("searchengine-busy-a-").FullName;
        var second = Directory.CreateTempSubdirectory("searchengine-busy-b-").FullName;
        var index = Directory.CreateTempSubdirectory("searchengine-busy-index-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(first, "a.txt"), "a note from the first indexer");
            File.WriteAllText(Path.Combine(second, "b.txt"), "a note from the second indexer");
            var (code, _, error) = await RunAsync(["index", first, "--collection", "busy", "--pack", fixture.PackFolder], index);
            Assert.True(code == 0, error);

            await using var data = NpgsqlDataSource.Create(database.ConnectionString);
            var collection = await new Storage.Collections.CollectionStore(data).GetByNameAsync("busy");
            var running = await new JobStore(data).StartAsync(collection!.Id);
            await using (await new JobStore(data).LockCollectionAsync(collection))
            {
                (code, _, error) = await RunAsync(["index", second, "--collection", "busy", "--pack", fixture.PackFolder, "--delete-missing"], index);
            }

            Assert.Equal(75, code);
            Assert.Contains($"Collection 'busy' is being indexed by another job (job {running}", error, StringComparison.Ordinal);
            Assert.Equal(["a.txt"], (await Rows.DocumentsAsync(database.ConnectionString, "busy")).Select(d => Path.GetFileName(d.Uri)));
        }
        finally
        {
            Directory.Delete(first, recursive: true);
            Directory.Delete(second, recursive: true);
            Directory.Delete(index, recursive: true);
        }
    }

    [Fact]
    public async Task Housekeeping_prunes_the_change_log_that_no_serving_copy_needs_and_reports_what_it_did()
    {
        var index = Directory.CreateTempSubdirectory("searchengine-housekeeping-").FullName;
        try
        {
            var (code, _, error) = await RunAsync(["migrate"], index);
            Assert.True(code == 0, error);
            await using var data = NpgsqlDataSource.Create(database.ConnectionString);
            var collection = await VectorCollection.CreateAsync(data, "housekeeping", 12);
            var changes = await Rows.ScalarAsync(database.ConnectionString, $"SELECT count(*) FROM segment_changes WHERE collection_id = {collection.Id}");
            Assert.Equal(12, changes);
            // Idempotency keys of uploads are kept a day: one older than that goes, a fresh one stays.
            await using (var keys = data.CreateCommand(
                "INSERT INTO idempotency_keys (principal, key, request_hash, created_at) VALUES ('key:1', 'old', repeat('a', 64), now() - interval '25 hours'), ('key:1', 'new', repeat('a', 64), now())"))
            {
                await keys.ExecuteNonQueryAsync();
            }

            (code, var output, error) = await RunAsync(["housekeeping"], index);

            Assert.True(code == 0, error);
            var report = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
            Assert.True(report.GetProperty("pruned_changes").GetInt64() >= 12);
            Assert.Equal(1, report.GetProperty("deleted_idempotency_keys").GetInt32());
            Assert.Equal(1, await Rows.ScalarAsync(database.ConnectionString, "SELECT count(*) FROM idempotency_keys WHERE key = 'new'"));
            Assert.Equal(0, await Rows.ScalarAsync(database.ConnectionString, $"SELECT count(*) FROM segment_changes WHERE collection_id = {collection.Id}"));
            Assert.Equal(12, await Rows.ScalarAsync(database.ConnectionString, $"SELECT count(*) FROM segments WHERE collection_id = {collection.Id}"));
        }
        finally
        {
            Directory.Delete(index, recursive: true);
        }
    }

    [Fact]
    public async Task Every_completed_index_job_prunes_the_log_up_to_the_slowest_serving_copy()
    {
        var folder = Directory.CreateTempSubdirectory("searchengine-after-job-").FullName;
        var index = Directory.CreateTempSubdirectory("searchengine-after-job-index-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "a.txt"), "a first note about a dog on the beach");
            var (code, _, error) = await RunAsync(["index", folder, "--collection", "after-job", "--pack", fixture.PackFolder], index);
            Assert.True(code == 0, error);
            await using var data = NpgsqlDataSource.Create(database.ConnectionString);
            var collection = await new Storage.Collections.CollectionStore(data).GetByNameAsync("after-job");
            var id = collection!.Id;

            // No serving copy was seen, so the whole log went; the horizon keeps the collection's sequence.
            Assert.Equal(0, await Rows.ScalarAsync(database.ConnectionString, $"SELECT count(*) FROM segment_changes WHERE collection_id = {id}"));
            var first = await Rows.ScalarAsync(database.ConnectionString, $"SELECT se_last_sequence({id})");
            Assert.True(first > 0);

            // A serving copy that has applied only up to the first job holds back everything after it.
            await Rows.ScalarAsync(database.ConnectionString,
                $"WITH copy AS (INSERT INTO serving_copies (copy_id, collection_id, sequence) VALUES ('lagging', {id}, {first}) RETURNING 1) SELECT count(*) FROM copy");
            File.WriteAllText(Path.Combine(folder, "b.txt"), "a second note about a cat on a sofa");
            (code, _, error) = await RunAsync(["index", folder, "--collection", "after-job", "--pack", fixture.PackFolder], index);
            Assert.True(code == 0, error);
            Assert.True(await Rows.ScalarAsync(database.ConnectionString, $"SELECT count(*) FROM segment_changes WHERE collection_id = {id} AND seq > {first}") > 0);
            Assert.Equal(first, await Rows.ScalarAsync(database.ConnectionString, $"SELECT pruned_through FROM change_log_horizons WHERE collection_id = {id}"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
            Directory.Delete(index, recursive: true);
        }
    }

    private Task<(int Code, string Output, string Error)> RunAsync(IReadOnlyList<string> arguments, string indexFolder) =>
        IndexerProgram.RunAsync(arguments, new Dictionary<string, string>
        {
            ["ConnectionStrings__Search"] = database.ConnectionString,
            ["Search__IndexFolder"] = indexFolder,
            ["Search__ThumbnailFolder"] = Path.Combine(indexFolder, "thumbnails"),
        }, TimeSpan.FromMinutes(3));
}
