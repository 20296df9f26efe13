using Npgsql;
using SearchEngine.Ingestion.Pipeline;
using SearchEngine.Storage.Jobs;
using SearchEngine.Testing;

namespace SearchEngine.Ingestion.Tests.Serving;

/// <summary>Two indexers on one collection: the second fails clearly and its --delete-missing deletes nothing.</summary>
public sealed class JobLockIndexingTests(PostgresDatabase database, PackFixture fixture) : IClassFixture<PostgresDatabase>, IClassFixture<PackFixture>
{
    [Fact]
    public async Task A_second_indexer_on_a_busy_collection_fails_clearly_and_deletes_none_of_the_first_ones_documents()
    {
        var first = Directory.CreateTempSubdirectory("searchengine-lock-a-").FullName;
        var second = Directory.CreateTempSubdirectory("searchengine-lock-b-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(first, "a.txt"), "a note from the first source");
            File.WriteAllText(Path.Combine(second, "b.txt"), "a note from the second source");
            await using var harness = await Harness.CreateAsync(database.ConnectionString);
            await harness.IndexAsync(fixture.Pack, new IndexingRequest("shared", [first]));
            var collection = await harness.CollectionAsync("shared");

            // The first indexer is still running: a real session of its own holds the collection's job lock.
            await using var firstIndexer = NpgsqlDataSource.Create(database.ConnectionString);
            await using (await new JobStore(firstIndexer).LockCollectionAsync(collection))
            {
                var busy = await Assert.ThrowsAsync<CollectionBusyException>(() =>
                    harness.IndexAsync(fixture.Pack, new IndexingRequest("shared", [second]) { DeleteMissing = true }));
                Assert.Contains("'shared' is being indexed by another job", busy.Message, StringComparison.Ordinal);
            }

            var uris = (await Rows.DocumentsAsync(database.ConnectionString, "shared")).Select(d => Path.GetFileName(d.Uri)).ToList();
            Assert.Equal(["a.txt"], uris);
        }
        finally
        {
            Directory.Delete(first, recursive: true);
            Directory.Delete(second, recursive: true);
        }
    }

    [Fact]
    public async Task A_job_left_running_by_a_killed_indexer_is_marked_failed_with_the_reason_when_the_next_job_starts()
    {
        var folder = Directory.CreateTempSubdirectory("searchengine-stale-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "a.txt"), "a note");
            await using var harness = await Harness.CreateAsync(database.ConnectionString);
            await harness.IndexAsync(fixture.Pack, new IndexingRequest("stale", [folder]));
            var collection = await harness.CollectionAsync("stale");
            var jobs = harness.Get<JobStore>();
            var abandoned = await jobs.StartAsync(collection.Id);

            await harness.IndexAsync(fixture.Pack, new IndexingRequest("stale", [folder]));

            var job = await jobs.GetAsync(abandoned);
            Assert.Equal(JobStatus.Failed, job!.Status);
            Assert.NotNull(job.FinishedAt);
            Assert.Contains("stopped without finishing it (killed or crashed)", await jobs.GetFailureReasonAsync(abandoned), StringComparison.Ordinal);
            Assert.Contains(harness.Logs, l => l.Contains($"Job {abandoned} on collection 'stale' was left running", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
