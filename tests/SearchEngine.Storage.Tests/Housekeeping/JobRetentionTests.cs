using Microsoft.Extensions.Options;
using Npgsql;
using SearchEngine.Storage.Housekeeping;
using SearchEngine.Storage.Jobs;
using SearchEngine.Testing;

namespace SearchEngine.Storage.Tests.Housekeeping;

public sealed class JobRetentionTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Old_finished_jobs_go_with_their_file_errors_but_the_newest_and_running_ones_stay()
    {
        await using var dataSource = await TestStorage.OpenAsync(database);
        var jobs = new JobStore(dataSource);
        var collection = await TestStorage.CollectionAsync(dataSource, "retention", 4);
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            var id = await jobs.StartAsync(collection.Id);
            await jobs.AddFileErrorAsync(id, $"f{i}.jpg", "decode", "broken");
            if (i != 0)
            {
                await jobs.FinishAsync(id, JobStatus.Succeeded, new JobCounts(1, 1, 0, 0));
            }

            ids.Add(id);
        }

        await using (var age = dataSource.CreateCommand("UPDATE jobs SET started_at = now() - interval '90 days', finished_at = CASE WHEN finished_at IS NULL THEN NULL ELSE now() - interval '90 days' END"))
        {
            await age.ExecuteNonQueryAsync();
        }

        var deleted = await new JobRetention(dataSource, Options.Create(new HousekeepingOptions { JobRetention = TimeSpan.FromDays(30), KeepLastJobs = 2 })).ApplyAsync();

        // ids[0] is still running (never deleted); ids[3] and ids[4] are the newest two; ids[1] and ids[2] expired.
        Assert.Equal(2, deleted);
        Assert.Null(await jobs.GetAsync(ids[1]));
        Assert.Null(await jobs.GetAsync(ids[2]));
        Assert.NotNull(await jobs.GetAsync(ids[0]));
        Assert.NotNull(await jobs.GetAsync(ids[4]));
        await using var errors = dataSource.CreateCommand($"SELECT count(*) FROM file_errors WHERE job_id IN ({ids[1]}, {ids[2]})");
        Assert.Equal(0L, (long)(await errors.ExecuteScalarAsync())!);
    }
}
