using SearchEngine.Storage.Jobs;
using SearchEngine.Testing;

namespace SearchEngine.Storage.Tests;

public sealed class JobStoreTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task A_job_records_progress_errors_and_its_end()
    {
        await using var dataSource = await TestStorage.OpenAsync(database);
        var collection = await TestStorage.CollectionAsync(dataSource, "jobs", 4);
        var jobs = new JobStore(dataSource);

        var id = await jobs.StartAsync(collection.Id);
        var started = await jobs.GetAsync(id);
        Assert.Equal(JobStatus.Running, started!.Status);
        Assert.Null(started.FinishedAt);

        await jobs.ReportProgressAsync(id, new JobCounts(10, 6, 3, 1), total: 40, timings: new Dictionary<string, double> { ["embed"] = 1.5 });
        await jobs.AddFileErrorAsync(id, "/data/broken.jpg", "decode", "not a JPEG: bad SOI marker");
        var progress = await jobs.GetAsync(id);
        Assert.Equal(40, progress!.Total);
        Assert.Equal(new JobCounts(10, 6, 3, 1), progress.Counts);
        Assert.Equal(1.5, progress.Timings["embed"]);

        await jobs.FinishAsync(id, JobStatus.Succeeded, new JobCounts(40, 30, 8, 2, 1), new Dictionary<string, double> { ["embed"] = 6.0, ["store"] = 0.5 });
        var finished = await jobs.GetAsync(id);
        Assert.Equal(JobStatus.Succeeded, finished!.Status);
        Assert.Equal(new JobCounts(40, 30, 8, 2, 1), finished.Counts);
        Assert.Equal(40, finished.Total);
        Assert.NotNull(finished.FinishedAt);
        Assert.Equal(2, finished.Timings.Count);
        var error = Assert.Single(await jobs.GetFileErrorsAsync(id));
        Assert.Equal(("/data/broken.jpg", "decode", "not a JPEG: bad SOI marker"), (error.Path, error.Stage, error.Reason));

        await Assert.ThrowsAsync<InvalidOperationException>(() => jobs.ReportProgressAsync(id + 1000, default));
        await Assert.ThrowsAsync<ArgumentException>(() => jobs.FinishAsync(id, JobStatus.Running, default));
    }

    [Fact]
    public async Task A_job_recorded_before_its_lock_is_not_abandoned_and_a_job_that_never_started_is_failed_with_the_reason()
    {
        await using var dataSource = await TestStorage.OpenAsync(database);
        var collection = await TestStorage.CollectionAsync(dataSource, "jobs-queued", 4);
        var jobs = new JobStore(dataSource);
        var abandoned = await jobs.StartAsync(collection.Id);
        var own = await jobs.StartAsync(collection.Id);

        Assert.Equal([abandoned], await jobs.FailAbandonedAsync(collection.Id, "left running", own));
        Assert.Equal(JobStatus.Running, (await jobs.GetAsync(own))!.Status);

        Assert.True(await jobs.FailAsync(own, "collection busy"));
        Assert.Equal(JobStatus.Failed, (await jobs.GetAsync(own))!.Status);
        Assert.Equal("collection busy", await jobs.GetFailureReasonAsync(own));
        // An ended job keeps the reason it has.
        Assert.False(await jobs.FailAsync(own, "another reason"));
        Assert.Equal("collection busy", await jobs.GetFailureReasonAsync(own));
    }

    [Fact]
    public async Task A_job_shorter_than_one_progress_report_records_its_total_when_it_finishes()
    {
        await using var dataSource = await TestStorage.OpenAsync(database);
        var collection = await TestStorage.CollectionAsync(dataSource, "jobs-short", 4);
        var jobs = new JobStore(dataSource);
        var id = await jobs.StartAsync(collection.Id);

        await jobs.FinishAsync(id, JobStatus.Succeeded, new JobCounts(3, 3, 0, 0), 3, null);

        var job = await jobs.GetAsync(id);
        Assert.Equal(3, job!.Total);
        Assert.Equal(JobStatus.Succeeded, job.Status);
    }
}
