using Npgsql;
using SearchEngine.Storage.Jobs;
using SearchEngine.Testing;

namespace SearchEngine.Storage.Tests;

/// <summary>One job per collection: the lock is exclusive, goes with its session, and abandoned jobs are marked failed.</summary>
public sealed class JobLockTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task A_second_job_on_a_collection_fails_clearly_while_other_collections_are_free()
    {
        await using var dataSource = await TestStorage.OpenAsync(database);
        var jobs = new JobStore(dataSource);
        var photos = await TestStorage.CollectionAsync(dataSource, "lock-photos", 4);
        var sounds = await TestStorage.CollectionAsync(dataSource, "lock-sounds", 4);
        var running = await jobs.StartAsync(photos.Id);

        await using (await jobs.LockCollectionAsync(photos))
        {
            var busy = await Assert.ThrowsAsync<CollectionBusyException>(() => jobs.LockCollectionAsync(photos));
            Assert.Contains("'lock-photos' is being indexed by another job", busy.Message, StringComparison.Ordinal);
            Assert.Contains($"job {running}", busy.Message, StringComparison.Ordinal);
            await using (await jobs.LockCollectionAsync(sounds))
            {
            }
        }

        await using (await jobs.LockCollectionAsync(photos))
        {
        }
    }

    [Fact]
    public async Task The_lock_of_a_killed_indexer_goes_with_its_session_and_its_job_is_marked_failed_with_the_reason()
    {
        await using var dataSource = await TestStorage.OpenAsync(database);
        var jobs = new JobStore(dataSource);
        var collection = await TestStorage.CollectionAsync(dataSource, "lock-killed", 4);
        var abandoned = await jobs.StartAsync(collection.Id);

        // The "killed indexer": a separate session holding the lock, then terminated from outside.
        await using var killedSource = NpgsqlDataSource.Create(database.ConnectionString);
        var held = await new JobStore(killedSource).LockCollectionAsync(collection);
        await Assert.ThrowsAsync<CollectionBusyException>(() => jobs.LockCollectionAsync(collection));
        await using (var kill = dataSource.CreateCommand(
            "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND classid = 21318 AND objid::bigint = $1 AND granted"))
        {
            kill.Parameters.Add(new NpgsqlParameter<long> { TypedValue = collection.Id });
            Assert.True((bool)(await kill.ExecuteScalarAsync())!);
        }

        await WaitUntilFreeAsync(jobs, collection);
        var marked = await jobs.FailAbandonedAsync(collection.Id, "the indexer was killed");
        Assert.Equal([abandoned], marked);
        Assert.Equal(JobStatus.Failed, (await jobs.GetAsync(abandoned))!.Status);
        Assert.Equal("the indexer was killed", await jobs.GetFailureReasonAsync(abandoned));
        await held.DisposeAsync();
    }

    private static async Task WaitUntilFreeAsync(JobStore jobs, Core.CollectionInfo collection)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using (await jobs.LockCollectionAsync(collection))
                {
                    return;
                }
            }
            catch (CollectionBusyException) when (attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }
}
