using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.Timeouts;
using SearchEngine.Access;
using SearchEngine.Core;
using SearchEngine.Ingestion.Pipeline;
using SearchEngine.QueryApi.Access;
using SearchEngine.QueryApi.Contracts;
using SearchEngine.QueryApi.Jobs;
using SearchEngine.Retrieval.Queries;
using SearchEngine.Storage.Collections;
using SearchEngine.Storage.Jobs;

namespace SearchEngine.QueryApi.Endpoints;

/// <summary>
/// POST /api/collections/{name}/jobs (index server folders or a manifest, as the indexer's CLI does), GET /api/jobs/{id}
/// and GET /api/jobs/{id}/events (its progress as server-sent events): admin keys only, as they read the server's disk.
/// </summary>
internal static class JobEndpoints
{
    /// <summary>How often the events stream reports progress.</summary>
    private static readonly TimeSpan EventInterval = TimeSpan.FromMilliseconds(500);

    public static void MapJobEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/collections/{name}/jobs", async (string name, NewJobRequest request, ClaimsPrincipal user, JobRoots roots, JobQueue queue,
            CollectionStore collections, JobStore jobs, CancellationToken cancellationToken) =>
        {
            if (!roots.Enabled)
            {
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Indexing jobs are off",
                    detail: "This server runs no indexing jobs over HTTP: set Jobs:Roots (environment Jobs__Roots__0=/srv/media, …) to the server folders jobs may read, " +
                            "or index with the CLI (searchengine-indexer index), or upload files (POST /api/collections/{name}/documents).");
            }

            var collection = user.AllowsCollection(name) ? await collections.GetByNameAsync(name, cancellationToken) : null;
            if (collection is null)
            {
                throw new QueryException("name", $"There is no collection named '{name}'; create it first (POST /api/collections).", QueryError.NotFound);
            }

            var folders = (request.Folders ?? []).Select(f => Resolve(roots, "folders", f)).ToList();
            var manifest = request.Manifest is null ? null : Resolve(roots, "manifest", request.Manifest);
            if (folders.Count == 0 && manifest is null)
            {
                throw new QueryException("folders", "Name what to index: \"folders\" (server folders) and/or \"manifest\" (a CSV/TSV/JSONL file), inside Jobs:Roots.");
            }

            switch (queue.TryReserve(collection.Id))
            {
                case JobReservation.CollectionBusy:
                    return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Collection busy",
                        detail: $"Collection '{name}' already has an indexing job queued or running on this server; wait for it to finish (GET /api/jobs/{{id}}).");
                case JobReservation.QueueFull:
                    return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Job queue full",
                        detail: "Too many indexing jobs are waiting (Jobs:QueueCapacity); try again when some have finished.");
            }

            QueuedJob job;
            try
            {
                // Refused now, clearly, rather than failing in the background: the indexer's CLI holds the collection.
                await using (await jobs.LockCollectionAsync(collection, cancellationToken))
                {
                }

                var id = await jobs.StartAsync(collection.Id, cancellationToken);
                job = new QueuedJob(id, collection, new IndexingRequest(collection.Name, folders, manifest)
                {
                    JobId = id,
                    Exclusive = true,
                    // The API's serving copy follows the change log; a second copy in this process would double the memory.
                    UpdateIndexFile = false,
                    DeleteMissing = request.DeleteMissing ?? false,
                });
            }
            catch
            {
                queue.Release(collection.Id);
                throw;
            }

            queue.Enqueue(job);
            return Results.Accepted($"/api/jobs/{job.Id}", new AcceptedJob(job.Id, collection.Name, "running", $"/api/jobs/{job.Id}", $"/api/jobs/{job.Id}/events"));
        }).RequireAuthorization(ApiScopes.Admin).WithTags("Jobs").WithName("StartJob")
          .WithSummary("Index server folders and/or a manifest (inside Jobs:Roots) into the collection, in the background; answers at once with the job's id.")
          .Produces<AcceptedJob>(StatusCodes.Status202Accepted)
          .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
          .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        var group = app.MapGroup("/api/jobs").WithTags("Jobs").RequireAuthorization(ApiScopes.Admin);

        group.MapGet("/{id:long}", async (long id, ClaimsPrincipal user, JobStore jobs, CollectionStore collections, JobQueue queue, CancellationToken cancellationToken) =>
            Results.Ok(await DescribeAsync(id, user, jobs, collections, queue, withErrors: true, cancellationToken)))
            .WithName("GetJob")
            .WithSummary("An indexing job: status, counts, total, stage timings and the files it could not index.")
            .Produces<JobDetails>().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id:long}/events", async (long id, ClaimsPrincipal user, JobStore jobs, CollectionStore collections, JobQueue queue, CancellationToken cancellationToken) =>
        {
            // Looked up before the stream starts, so an unknown job is a 404 problem, not an empty stream.
            var first = await DescribeAsync(id, user, jobs, collections, queue, withErrors: false, cancellationToken);
            return TypedResults.ServerSentEvents(EventsAsync(first, user, jobs, collections, queue, cancellationToken));
        }).WithName("GetJobEvents")
          .WithSummary("The job's progress as server-sent events: 'progress' about every 500 ms, then one 'done' with the summary, and the stream ends.")
          .Produces(StatusCodes.Status200OK, contentType: "text/event-stream").ProducesProblem(StatusCodes.Status404NotFound)
          // A job runs for minutes; the stream lasts as long as it does.
          .WithMetadata(new DisableRequestTimeoutAttribute());
    }

    private static async IAsyncEnumerable<SseItem<JobDetails>> EventsAsync(
        JobDetails first, ClaimsPrincipal user, JobStore jobs, CollectionStore collections, JobQueue queue, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var current = first;
        while (current.Status == "running")
        {
            yield return new SseItem<JobDetails>(current, "progress");
            await Task.Delay(EventInterval, cancellationToken);
            current = await DescribeAsync(first.Id, user, jobs, collections, queue, withErrors: false, cancellationToken);
        }

        // The summary, with the files that failed (left out of the progress events, which only count them).
        yield return new SseItem<JobDetails>(await DescribeAsync(first.Id, user, jobs, collections, queue, withErrors: true, cancellationToken), "done");
    }

    /// <summary>
    /// The job's state: its row, with the live counters of this server's pipeline while it runs here (the row is
    /// written every few seconds). A job of a collection the key may not reach does not exist for it.
    /// </summary>
    private static async Task<JobDetails> DescribeAsync(
        long id, ClaimsPrincipal user, JobStore jobs, CollectionStore collections, JobQueue queue, bool withErrors, CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(id, cancellationToken);
        var collection = job is null ? null : await collections.GetAsync(job.CollectionId, cancellationToken);
        if (job is null || collection is null || !user.AllowsCollection(collection.Name))
        {
            throw new QueryException("id", $"There is no indexing job {id}.", QueryError.NotFound);
        }

        var counts = job.Counts;
        var total = job.Total;
        if (job.Status == JobStatus.Running && queue.Find(id) is { } live)
        {
            var progress = live.Progress;
            counts = new JobCounts(progress.Seen, progress.Indexed, progress.Skipped, progress.Failed, progress.Deleted);
            total = progress.DiscoveryComplete ? progress.Discovered : total;
        }

        var errors = withErrors ? await jobs.GetFileErrorsAsync(id, cancellationToken) : null;
        var reason = job.Status == JobStatus.Failed ? await jobs.GetFailureReasonAsync(id, cancellationToken) : null;
        return new JobDetails(
            job.Id, collection.Name, job.Status.ToString().ToLowerInvariant(), total, counts.Seen, counts.Indexed, counts.Skipped, counts.Failed, counts.Deleted,
            job.Timings, job.StartedAt, job.UpdatedAt, job.FinishedAt, reason,
            errors?.Select(e => new JobFileError(e.Path, e.Stage, e.Reason, e.OccurredAt)).ToList());
    }

    /// <summary>The final target of a path the request names, or a 400 naming it when it is missing or outside Jobs:Roots.</summary>
    private static string Resolve(JobRoots roots, string parameter, string? path) =>
        (path is null ? null : roots.Resolve(path)) ?? throw new QueryException(parameter,
            $"'{(path is null ? "null" : path.Length <= 200 ? path : path[..200] + "…")}' is not an existing absolute path inside the folders jobs may read (Jobs:Roots).");
}
