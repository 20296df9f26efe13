using System.Text.Json;
using Dapper;
using Npgsql;

namespace SearchEngine.Storage.Jobs;

/// <summary>Indexing jobs: their progress, timings and the files they could not index.</summary>
public sealed class JobStore(NpgsqlDataSource dataSource)
{
    /// <summary>Takes the collection's job lock for the length of a job (see <see cref="CollectionJobLock"/>); dispose it when the job ends.</summary>
    /// <exception cref="CollectionBusyException">Another job holds it.</exception>
    public Task<CollectionJobLock> LockCollectionAsync(Core.CollectionInfo collection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collection);
        return CollectionJobLock.AcquireAsync(dataSource, collection.Id, collection.Name, cancellationToken);
    }

    /// <summary>Records the start of a job indexing into <paramref name="collectionId"/>; returns its id.</summary>
    public async Task<long> StartAsync(long collectionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO jobs (collection_id) VALUES (@collectionId) RETURNING id", new { collectionId }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Marks the collection's jobs still <c>running</c> as failed, with the reason. Call it holding the collection's
    /// <see cref="CollectionJobLock"/>: then no job can be running, and such a row was left by an indexer that was killed.
    /// Returns the ids it marked.
    /// </summary>
    public Task<IReadOnlyList<long>> FailAbandonedAsync(long collectionId, string reason, CancellationToken cancellationToken = default) =>
        FailAbandonedAsync(collectionId, reason, null, cancellationToken);

    /// <summary>
    /// As <see cref="FailAbandonedAsync(long, string, CancellationToken)"/>, leaving <paramref name="exceptJobId"/>
    /// running: the caller's own row, recorded before the lock was taken (a job queued by the query API).
    /// </summary>
    /// <param name="collectionId">The collection whose job lock the caller holds.</param>
    /// <param name="reason">Why they are marked failed.</param>
    /// <param name="exceptJobId">The caller's own job, or null.</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    public async Task<IReadOnlyList<long>> FailAbandonedAsync(long collectionId, string reason, long? exceptJobId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var ids = await connection.QueryAsync<long>(new CommandDefinition(
            """
            UPDATE jobs SET status = 'failed', failure_reason = @reason, finished_at = now(), updated_at = now()
            WHERE collection_id = @collectionId AND status = 'running' AND id IS DISTINCT FROM @exceptJobId
            RETURNING id
            """, new { collectionId, reason, exceptJobId }, cancellationToken: cancellationToken));
        return ids.ToList();
    }

    /// <summary>
    /// Marks job <paramref name="jobId"/> failed with <paramref name="reason"/> if it is still running (it ended before it
    /// could report: its collection was busy, its pack did not match), or records the reason of a job that marked itself
    /// failed without one. Returns whether the row changed.
    /// </summary>
    public async Task<bool> FailAsync(long jobId, string reason, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE jobs SET status = 'failed', failure_reason = @reason, finished_at = coalesce(finished_at, now()), updated_at = now()
            WHERE id = @jobId AND (status = 'running' OR (status = 'failed' AND failure_reason IS NULL))
            """, new { jobId, reason }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>Why the job failed, when it was marked failed with a reason (<see cref="FailAbandonedAsync(long, string, CancellationToken)"/>, <see cref="FailAsync"/>).</summary>
    public async Task<string?> GetFailureReasonAsync(long jobId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT failure_reason FROM jobs WHERE id = @jobId", new { jobId }, cancellationToken: cancellationToken));
    }

    /// <summary>Stores the job's progress: counts, the total once known, and the time spent per stage so far.</summary>
    public async Task ReportProgressAsync(long jobId, JobCounts counts, long? total = null, IReadOnlyDictionary<string, double>? timings = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await UpdateAsync(connection, jobId, counts, total, timings, null, cancellationToken);
    }

    /// <summary>Marks the job finished with its final counts and timings.</summary>
    public Task FinishAsync(long jobId, JobStatus status, JobCounts counts, IReadOnlyDictionary<string, double>? timings = null, CancellationToken cancellationToken = default) =>
        FinishAsync(jobId, status, counts, null, timings, cancellationToken);

    /// <summary>
    /// Marks the job finished with its final counts, its total (a job shorter than one progress interval never reported
    /// it; null keeps what was reported) and timings.
    /// </summary>
    public async Task FinishAsync(long jobId, JobStatus status, JobCounts counts, long? total, IReadOnlyDictionary<string, double>? timings, CancellationToken cancellationToken = default)
    {
        if (status == JobStatus.Running)
        {
            throw new ArgumentException("A finished job needs a final status (succeeded, failed or cancelled).", nameof(status));
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await UpdateAsync(connection, jobId, counts, total, timings, status, cancellationToken);
    }

    /// <summary>Records a file the job could not index; the job goes on with the next file.</summary>
    public async Task AddFileErrorAsync(long jobId, string path, string stage, string reason, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO file_errors (job_id, path, stage, reason) VALUES (@jobId, @path, @stage, @reason)",
            new { jobId, path, stage, reason }, cancellationToken: cancellationToken));
    }

    /// <summary>The job, or null.</summary>
    public async Task<JobInfo?> GetAsync(long jobId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition(
            """
            SELECT id, collection_id AS CollectionId, status, files_total AS Total, files_seen AS Seen, files_indexed AS Indexed,
                   files_skipped AS Skipped, files_failed AS Failed, files_deleted AS Deleted, timings::text AS Timings,
                   started_at AS StartedAt, updated_at AS UpdatedAt, finished_at AS FinishedAt
            FROM jobs WHERE id = @jobId
            """, new { jobId }, cancellationToken: cancellationToken));
        return row?.ToInfo();
    }

    /// <summary>The files the job could not index, in the order they failed.</summary>
    public async Task<IReadOnlyList<FileError>> GetFileErrorsAsync(long jobId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Path, string Stage, string Reason, DateTime At)>(new CommandDefinition(
            "SELECT path, stage, reason, occurred_at FROM file_errors WHERE job_id = @jobId ORDER BY id",
            new { jobId }, cancellationToken: cancellationToken));
        return rows.Select(r => new FileError(r.Path, r.Stage, r.Reason, Utc(r.At))).ToList();
    }

    private static async Task UpdateAsync(
        NpgsqlConnection connection, long jobId, JobCounts counts, long? total, IReadOnlyDictionary<string, double>? timings, JobStatus? status, CancellationToken cancellationToken)
    {
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE jobs SET
                files_seen = @Seen, files_indexed = @Indexed, files_skipped = @Skipped, files_failed = @Failed, files_deleted = @Deleted,
                files_total = coalesce(@total, files_total),
                timings = coalesce(@timings::jsonb, timings),
                status = coalesce(@status, status),
                finished_at = CASE WHEN @status IS NULL THEN finished_at ELSE now() END,
                updated_at = now()
            WHERE id = @jobId
            """,
            new
            {
                jobId, counts.Seen, counts.Indexed, counts.Skipped, counts.Failed, counts.Deleted, total,
                timings = timings is null ? null : JsonSerializer.Serialize(timings),
                status = status?.ToString().ToLowerInvariant(),
            }, cancellationToken: cancellationToken));
        if (updated == 0)
        {
            throw new InvalidOperationException($"Indexing job {jobId} does not exist.");
        }
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private sealed class JobRow
    {
        public long Id { get; init; }
        public long CollectionId { get; init; }
        public string Status { get; init; } = "";
        public long? Total { get; init; }
        public long Seen { get; init; }
        public long Indexed { get; init; }
        public long Skipped { get; init; }
        public long Failed { get; init; }
        public long Deleted { get; init; }
        public string Timings { get; init; } = "{}";
        public DateTime StartedAt { get; init; }
        public DateTime UpdatedAt { get; init; }
        public DateTime? FinishedAt { get; init; }

        public JobInfo ToInfo() => new(
            Id, CollectionId, Enum.Parse<JobStatus>(Status, ignoreCase: true), Total,
            new JobCounts(Seen, Indexed, Skipped, Failed, Deleted),
            JsonSerializer.Deserialize<Dictionary<string, double>>(Timings) ?? [],
            Utc(StartedAt), Utc(UpdatedAt), FinishedAt is { } finished ? Utc(finished) : null);
    }
}
