namespace SearchEngine.QueryApi.Contracts;

/// <summary>The body of POST /api/collections/{name}/jobs.</summary>
/// <param name="Folders">Server folders to index (recursively), inside Jobs:Roots.</param>
/// <param name="Manifest">A CSV/TSV/JSONL manifest on the server, inside Jobs:Roots; absent for none.</param>
/// <param name="DeleteMissing">Remove the collection's documents whose files this job did not see.</param>
internal sealed record NewJobRequest(IReadOnlyList<string?>? Folders, string? Manifest, bool? DeleteMissing);

/// <summary>A job just accepted.</summary>
/// <param name="Id">The job's id.</param>
/// <param name="Collection">The collection it indexes into.</param>
/// <param name="Status">Always <c>running</c> (queued or started).</param>
/// <param name="StatusUrl">Where its state is read.</param>
/// <param name="EventsUrl">Where its progress streams as server-sent events.</param>
internal sealed record AcceptedJob(long Id, string Collection, string Status, string StatusUrl, string EventsUrl);

/// <summary>A file a job could not index.</summary>
/// <param name="Path">The file.</param>
/// <param name="Stage">Where it failed.</param>
/// <param name="Reason">Why.</param>
/// <param name="OccurredAt">When.</param>
internal sealed record JobFileError(string Path, string Stage, string Reason, DateTimeOffset OccurredAt);

/// <summary>An indexing job's state, as GET /api/jobs/{id} and its events describe it.</summary>
/// <param name="Id">Job id.</param>
/// <param name="Collection">The collection it indexes into.</param>
/// <param name="Status">running, succeeded, failed or cancelled.</param>
/// <param name="Total">Files to look at, once the walk has finished; null before.</param>
/// <param name="Seen">Files looked at.</param>
/// <param name="Indexed">Files embedded and stored.</param>
/// <param name="Skipped">Files already indexed with the same content.</param>
/// <param name="Failed">Files that could not be indexed (see <paramref name="Errors"/>).</param>
/// <param name="Deleted">Documents removed because their files are gone.</param>
/// <param name="Timings">Seconds spent per stage.</param>
/// <param name="StartedAt">When it was accepted.</param>
/// <param name="UpdatedAt">Its last recorded progress.</param>
/// <param name="FinishedAt">When it ended; null while running.</param>
/// <param name="FailureReason">Why it failed, when it failed as a whole.</param>
/// <param name="Errors">The files it could not index; null in progress events, which only count them (<paramref name="Failed"/>).</param>
internal sealed record JobDetails(
    long Id, string Collection, string Status, long? Total, long Seen, long Indexed, long Skipped, long Failed, long Deleted,
    IReadOnlyDictionary<string, double> Timings, DateTimeOffset StartedAt, DateTimeOffset UpdatedAt, DateTimeOffset? FinishedAt,
    string? FailureReason, IReadOnlyList<JobFileError>? Errors);
