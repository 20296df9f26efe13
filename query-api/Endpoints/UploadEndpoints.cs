using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SearchEngine.Access;
using SearchEngine.QueryApi.Access;
using SearchEngine.QueryApi.Hosting;
using SearchEngine.QueryApi.Uploads;
using SearchEngine.Serving;
using SearchEngine.Storage.Collections;
using SearchEngine.Storage.Idempotency;

namespace SearchEngine.QueryApi.Endpoints;

/// <summary>
/// POST /api/collections/{name}/documents: adds documents to an existing collection through the indexing pipeline and
/// answers only after they are committed and searchable. With an <c>Idempotency-Key</c>, a retry gets the first answer
/// again instead of a second write.
/// </summary>
internal static class UploadEndpoints
{
    public static void MapUploadEndpoints(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<UploadOptions>>().Value;
        app.MapPost("/api/collections/{name}/documents", UploadAsync)
            .RequireAuthorization(ApiScopes.Write)
            .WithTags("Documents")
            .WithName("UploadDocuments")
            .WithSummary("Add files (multipart 'file' parts, described by an optional 'documents' JSON field) or text documents (JSON) to a collection.")
            .Accepts<IFormFile>("multipart/form-data", "application/json")
            .Produces<UploadResponse>(StatusCodes.Status201Created)
            .Produces<UploadResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithRequestTimeout(SearchRequestTimeouts.Upload)
            // Kestrel's limit for the other endpoints is one file; this one takes a request's worth, and counts it itself.
            .WithMetadata(new RequestSizeLimitAttribute(Math.Max(options.MaxRequestBytes, options.MaxJsonBytes) + UploadRequestReader.FramingBytes))
            .DisableAntiforgery();
    }

    private static async Task<IResult> UploadAsync(
        string name, HttpContext http, CollectionStore collections, UploadStore store, DocumentUploader uploader, IdempotencyStore idempotency,
        IOptions<QueryApiOptions> apiOptions, IOptions<UploadOptions> uploadOptions, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        CancellationToken cancellationToken)
    {
        // A key limited to other collections learns nothing: the same 404 as for a collection that does not exist.
        // Uploads never create a collection: the indexer creates it, bound to its pack.
        var collection = http.User.AllowsCollection(name) ? await collections.GetByNameAsync(name, cancellationToken) : null;
        if (collection is null)
        {
            throw new CollectionNotFoundException(name);
        }

        var key = IdempotencyKey.Of(http.Request);
        var limits = new UploadRequestReader.Limits(apiOptions.Value.MaxUploadBytes, uploadOptions.Value);
        using var batch = await UploadRequestReader.ReadAsync(http.Request, store, limits, cancellationToken);

        var principal = IdempotencyKey.Principal(http.User);
        if (key is not null)
        {
            var claim = await idempotency.ClaimAsync(principal, key, batch.Hash(name), apiOptions.Value.UploadRequestTimeout, cancellationToken);
            switch (claim.State)
            {
                case IdempotencyClaimState.Completed:
                    http.Response.Headers[IdempotencyKey.ReplayedHeader] = "true";
                    return Answer(claim.Response!);
                case IdempotencyClaimState.InProgress:
                    return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Request in progress",
                        detail: $"A request with this {IdempotencyKey.Header} is still running; retry once it has been answered.");
                case IdempotencyClaimState.Mismatch:
                    return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency key reused",
                        detail: $"This {IdempotencyKey.Header} was used for a different request; use a new key for a new request.");
            }
        }

        StoredResponse response;
        try
        {
            var outcome = await uploader.UploadAsync(collection, batch, cancellationToken);
            response = Compose(outcome, http.Request.Path, json.Value.SerializerOptions);
        }
        catch when (key is not null)
        {
            // Failed on this side (or cancelled): nothing was acknowledged, so a retry with the key must be able to run.
            await idempotency.ReleaseAsync(principal, key, CancellationToken.None);
            throw;
        }

        if (key is not null)
        {
            await idempotency.CompleteAsync(principal, key, response, CancellationToken.None);
        }

        return Answer(response);
    }

    /// <summary>201 when every document is in the collection, 200 when some failed, 422 (a problem) when all did.</summary>
    private static StoredResponse Compose(UploadResponse outcome, string path, JsonSerializerOptions serializer)
    {
        var failed = outcome.Documents.Count(d => d.Status == UploadedDocument.Failed);
        if (failed < outcome.Documents.Count)
        {
            return new StoredResponse(failed == 0 ? StatusCodes.Status201Created : StatusCodes.Status200OK, "application/json",
                JsonSerializer.Serialize(outcome, serializer));
        }

        var problem = new Dictionary<string, object?>
        {
            ["type"] = "https://tools.ietf.org/html/rfc4918#section-11.2",
            ["title"] = "No document could be indexed",
            ["status"] = StatusCodes.Status422UnprocessableEntity,
            ["detail"] = outcome.Documents.Count == 1
                ? $"The document failed at the {outcome.Documents[0].Error?.Stage} stage: {outcome.Documents[0].Error?.Detail}"
                : $"All {outcome.Documents.Count} documents failed; each entry of 'documents' says at which stage and why.",
            ["instance"] = path,
            ["documents"] = outcome.Documents,
        };
        return new StoredResponse(StatusCodes.Status422UnprocessableEntity, "application/problem+json", JsonSerializer.Serialize(problem, serializer));
    }

    private static IResult Answer(StoredResponse response) => Results.Text(response.Body, response.ContentType, Encoding.UTF8, response.Status);
}
