namespace SearchEngine.Storage.Jobs;

/// <summary>How an indexing job ended (or that it is still running).</summary>
public enum JobStatus
{
    /// <summary>Started and not finished (or the process died; a new job takes over).</summary>
    Running,

    /// <summary>Went through every file; per-file failures are listed as errors.</summary>
    Succeeded,

    /// <summary>Stopped by an error that ended the whole job.</summary>
    Failed,

    /// <summary>Stopped by the user (SIGINT/SIGTERM); starting again finishes the remaining files.</summary>
    Cancelled,
}

/// <summary>File counts of an indexing job.</summary>
/// <param name="Seen">Files looked at.</param>
/// <param name="Indexed">Files embedded and stored.</param>
/// <param name="Skipped">Files whose content was already indexed.</param>
/// <param name="Failed">Files that could not be indexed (see the job's errors).</param>
/// <param name="Deleted">Documents removed because their files are gone (<c>--delete-missing</c>).</param>
public readonly record struct JobCounts(long Seen, long Indexed, long Skipped, long Failed, long Deleted = 0);

/// <summary>An indexing job's state.</summary>
/// <param name="Id">Job id.</param>
/// <param name="CollectionId">The collection it indexes into.</param>
/// <param name="Status">Running or how it ended.</param>
/// <param name="Total">Files to look at, once known.</param>
/// <param name="Counts">Progress so far.</param>
/// <param name="Timings">Seconds spent per stage (decode, embed, store, …).</param>
/// <param name="StartedAt">Start time.</param>
/// <param name="UpdatedAt">Last progress report.</param>
/// <param name="FinishedAt">End time, once finished.</param>
public sealed record JobInfo(
    long Id, long CollectionId, JobStatus Status, long? Total, JobCounts Counts, IReadOnlyDictionary<string, double> Timings,
    DateTimeOffset StartedAt, DateTimeOffset UpdatedAt, DateTimeOffset? FinishedAt);

/// <summary>A file an indexing job could not index.</summary>
/// <param name="Path">The file.</param>
/// <param name="Stage">Where it failed (read, decode, embed, store, …).</param>
/// <param name="Reason">The error, as a person can act on it.</param>
/// <param name="OccurredAt">When.</param>
public sealed record FileError(string Path, string Stage, string Reason, DateTimeOffset OccurredAt);
