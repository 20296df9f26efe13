using System.Security.Claims;
using SearchEngine.Access;
using SearchEngine.Collections;
using SearchEngine.Core;
using SearchEngine.Embeddings.Packs;
using SearchEngine.QueryApi.Access;
using SearchEngine.QueryApi.Contracts;
using SearchEngine.Retrieval.Queries;
using SearchEngine.Serving;
using SearchEngine.Storage.Collections;
using SearchEngine.Storage.Enrichment;
using SearchEngine.Storage.Jobs;
using SearchEngine.Storage.Segments;

namespace SearchEngine.QueryApi.Endpoints;

/// <summary>
/// GET /api/collections (those the request's key may reach), POST /api/collections (create, admin),
/// GET /api/collections/{name} (one, with its counts) and DELETE /api/collections/{name} (admin).
/// </summary>
internal static class CollectionEndpoints
{
    public static void MapCollectionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/collections").WithTags("Collections");

        group.MapGet("/", async (ClaimsPrincipal user, CollectionStore collections, CancellationToken cancellationToken) =>
        {
            // A key limited to some collections sees only those.
            var list = (await collections.ListAsync(cancellationToken)).Where(c => user.AllowsCollection(c.Name));
            var counts = (await collections.CountDocumentsAsync(cancellationToken)).ToLookup(c => c.CollectionId);
            return Results.Ok(list.Select(c => new
            {
                c.Name,
                c.PackId,
                c.PackFingerprint,
                c.Dimension,
                c.CreatedAt,
                Documents = counts[c.Id].Sum(n => n.Documents),
                Modalities = counts[c.Id].ToDictionary(n => n.Modality.ToName(), n => n.Documents),
            }));
        }).RequireAuthorization(ApiScopes.Read).WithName("ListCollections")
          .WithSummary("The collections, the model pack each is bound to, and how many documents of each modality each holds.");

        group.MapPost("/", async (NewCollectionRequest request, HttpContext http, CollectionStore collections, SegmentStore segments, EnrichmentStore enrichments, ModelPackRegistry packs, CancellationToken cancellationToken) =>
        {
            var name = request.Name;
            if (!CollectionNames.IsValid(name))
            {
                throw new QueryException("name", $"'{Shorten(name)}' is not a valid collection name: use {CollectionNames.Rule}.");
            }

            await CollectionAccess.RequireAsync(http, name);
            var packId = string.IsNullOrWhiteSpace(request.Pack) ? packs.DefaultPackId : request.Pack;
            var installed = packs.Installed();
            if (!installed.ContainsKey(packId))
            {
                return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Unknown model pack",
                    detail: $"There is no model pack '{Shorten(packId)}' on this server; installed: {(installed.Count == 0 ? "none" : string.Join(", ", installed.Keys.Order(StringComparer.Ordinal)))}.",
                    extensions: new Dictionary<string, object?> { ["parameter"] = "pack" });
            }

            ModelPack pack;
            try
            {
                pack = packs.Get(packId);
            }
            catch (PackLoadException e)
            {
                return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Model pack cannot be loaded", detail: e.Message,
                    extensions: new Dictionary<string, object?> { ["parameter"] = "pack" });
            }

            var created = await collections.CreateAsync(name!, pack.Id, pack.Fingerprint, pack.Dimension, cancellationToken);
            if (created is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Collection exists",
                    detail: $"A collection named '{name}' exists already; GET /api/collections/{name} describes it, DELETE removes it.");
            }

            return Results.Created($"/api/collections/{name}", await DescribeAsync(created, collections, segments, enrichments, cancellationToken));
        }).RequireAuthorization(ApiScopes.Admin).WithName("CreateCollection")
          .WithSummary("Create an empty collection bound to a model pack (the default pack when none is named).")
          .Produces<CollectionDetails>(StatusCodes.Status201Created)
          .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/{name}", async (string name, ClaimsPrincipal user, CollectionStore collections, SegmentStore segments, EnrichmentStore enrichments, CancellationToken cancellationToken) =>
        {
            var collection = await RequireAsync(user, collections, name, cancellationToken);
            return Results.Ok(await DescribeAsync(collection, collections, segments, enrichments, cancellationToken));
        }).RequireAuthorization(ApiScopes.Read).WithName("GetCollection")
          .WithSummary("One collection: its pack binding, shard count, document counts per modality, segments, change-log sequence and enrichment progress (text read in pictures).")
          .Produces<CollectionDetails>().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapDelete("/{name}", async (string name, ClaimsPrincipal user, CollectionStore collections, JobStore jobs, CollectionServing serving, CollectionIndexLoader indexes, CancellationToken cancellationToken) =>
        {
            var collection = await RequireAsync(user, collections, name, cancellationToken);
            // Not under a running job's feet: its lock makes this a 409 (CollectionBusyException) instead.
            await using (await jobs.LockCollectionAsync(collection, cancellationToken))
            {
                await collections.DeleteAsync(collection.Id, cancellationToken);
            }

            // Deleted in PostgreSQL (documents, segments, change log, jobs): this replica stops serving it now, and its
            // files go, so a collection created later under the same name starts clean.
            serving.Forget(collection);
            indexes.DeleteFiles(collection);
            return Results.NoContent();
        }).RequireAuthorization(ApiScopes.Admin).WithName("DeleteCollection")
          .WithSummary("Delete a collection with its documents, segments and jobs, and its serving copy and index files.")
          .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>The collection named <paramref name="name"/>; for a key limited to others it does not exist (404, as for an unknown name).</summary>
    private static async Task<CollectionInfo> RequireAsync(ClaimsPrincipal user, CollectionStore collections, string name, CancellationToken cancellationToken) =>
        user.AllowsCollection(name) && await collections.GetByNameAsync(name, cancellationToken) is { } collection
            ? collection
            : throw new QueryException("name", $"There is no collection named '{Shorten(name)}'; GET /api/collections lists them.", QueryError.NotFound);

    private static async Task<CollectionDetails> DescribeAsync(
        CollectionInfo collection, CollectionStore collections, SegmentStore segments, EnrichmentStore enrichments, CancellationToken cancellationToken)
    {
        var ocr = await enrichments.ProgressAsync(collection.Id, cancellationToken);
        var counts = (await collections.CountDocumentsAsync(cancellationToken)).Where(c => c.CollectionId == collection.Id).ToList();
        return new CollectionDetails(
            collection.Name,
            new PackBinding(collection.PackId, collection.PackFingerprint, collection.Dimension),
            collection.ShardCount,
            collection.CreatedAt,
            counts.Sum(c => c.Documents),
            counts.ToDictionary(c => c.Modality.ToName(), c => c.Documents),
            await segments.CountAsync(collection.Id, cancellationToken),
            await segments.GetLastSequenceAsync(collection.Id, cancellationToken),
            new EnrichmentStatus(new EnrichmentPassStatus(ocr.Eligible, ocr.Done, ocr.ToDo, ocr.WithText, ocr.Failed)));
    }

    // Whatever the client sent is echoed only in part.
    private static string Shorten(string? text) => text is null ? "" : text.Length <= 80 ? text : text[..80] + "…";
}
