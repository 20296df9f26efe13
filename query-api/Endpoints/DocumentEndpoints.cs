using System.Text.Json;
using SearchEngine.Access;
using SearchEngine.Collections;
using SearchEngine.Core;
using SearchEngine.Media;
using SearchEngine.QueryApi.Access;
using SearchEngine.QueryApi.Serving;
using SearchEngine.Retrieval.Queries;
using SearchEngine.Serving;
using SearchEngine.Storage.Collections;
using SearchEngine.Storage.Documents;

namespace SearchEngine.QueryApi.Endpoints;

/// <summary>
/// GET /api/documents/{id}, its thumbnail, and its media file (with range requests, so players can seek). The file is
/// served only as checked by <see cref="MediaFileCheck"/> and as the type it was sniffed as (<see cref="ServedMediaType"/>).
/// </summary>
internal static class DocumentEndpoints
{
    public static void MapDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/documents").WithTags("Documents").RequireAuthorization(ApiScopes.Read);

        group.MapGet("/{id:long}", async (long id, HttpContext http, DocumentStore documents, CollectionStore collections, CancellationToken cancellationToken) =>
        {
            var document = await RequireAsync(http, documents, collections, id, cancellationToken);
            return Results.Ok(Describe(document));
        }).WithName("GetDocument").WithSummary("A document's stored record.").ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id:long}/thumbnail", async (long id, HttpContext http, DocumentStore documents, CollectionStore collections, ThumbnailStore thumbnails, CancellationToken cancellationToken) =>
        {
            var document = await RequireAsync(http, documents, collections, id, cancellationToken);
            var stream = thumbnails.OpenRead(document.ContentSha256);
            return stream is null
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No thumbnail", detail: $"Document {id} ({document.Modality.ToName()}) has no thumbnail.")
                : Results.Stream(stream, "image/jpeg", enableRangeProcessing: false, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{document.ContentSha256}\""));
        }).WithName("GetThumbnail").WithSummary("A JPEG thumbnail (images and videos).").ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id:long}/media", async (long id, HttpContext http, DocumentStore documents, CollectionStore collections, MediaDecoder media, CancellationToken cancellationToken) =>
        {
            var document = await RequireAsync(http, documents, collections, id, cancellationToken);
            var (target, problem) = MediaFileCheck.Check(document, media.Roots);
            if (problem is not null)
            {
                return problem;
            }

            FileStream stream;
            try
            {
                stream = new FileStream(target!, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Media file missing", detail: $"The file of document {id} cannot be read now.");
            }

            if (stream.Length != document.SizeBytes)
            {
                // Replaced between the check and the open.
                await stream.DisposeAsync();
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Media file changed",
                    detail: $"The file of document {id} changed after it was indexed; re-run the indexer to index it again.");
            }

            var served = ServedMediaType.Of(document.MediaType, target!);
            // Stricter than the page's policy, which the security headers keep: a media file opened on its own runs nothing.
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
            return Results.File(stream, served.ContentType, served.AsAttachment ? Path.GetFileName(target) : null,
                lastModified: document.FileModifiedAt, enableRangeProcessing: true);
        }).WithName("GetMedia").WithSummary("The document's file, as the type it was recognised as, with HTTP range requests.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>PUT and DELETE /api/documents/{id}: edit a document's text and metadata, or delete it (write scope).</summary>
    public static void MapDocumentWriteEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/documents").WithTags("Documents").RequireAuthorization(ApiScopes.Write);

        group.MapPut("/{id:long}", async (long id, JsonElement body, HttpContext http, DocumentStore documents, CollectionStore collections, CollectionServing serving, CancellationToken cancellationToken) =>
        {
            var update = DocumentUpdateJson.Read(body);
            var document = await RequireAsync(http, documents, collections, id, cancellationToken);
            var collection = await collections.GetAsync(document.CollectionId, cancellationToken)
                ?? throw new QueryException("id", $"There is no document {id}.", QueryError.NotFound);
            if (update.ChangesCaption && update.Caption is { } caption)
            {
                // The caption is a segment too, embedded by the collection's text tower as the indexer embeds a sidecar's.
                var served = await serving.OpenAsync(collection.Name, cancellationToken);
                var text = served.Text ?? throw new QueryException("caption",
                    $"Collection '{collection.Name}' is bound to model pack '{collection.PackId}', which has no text tower, so a caption cannot be embedded.", QueryError.UnsupportedByPack);
                update = update with { CaptionVector = text.Embed([caption])[0] };
            }

            DocumentInfo? updated;
            try
            {
                updated = await documents.UpdateAsync(id, update, cancellationToken);
            }
            catch (ArgumentException e)
            {
                throw new QueryException("body", e.Message);
            }

            if (updated is null)
            {
                throw new QueryException("id", $"There is no document {id}.", QueryError.NotFound);
            }

            await WriteVisibility.AwaitAsync(serving, collection.Name, cancellationToken);
            return Results.Ok(Describe(updated));
        }).WithName("UpdateDocument")
          .WithSummary("Change a document's title, caption and/or metadata (absent: unchanged; null: cleared); searchable as changed when answered.")
          .Accepts<JsonElement>("application/json")
          .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapDelete("/{id:long}", async (long id, HttpContext http, DocumentStore documents, CollectionStore collections, CollectionServing serving, CancellationToken cancellationToken) =>
        {
            var document = await RequireAsync(http, documents, collections, id, cancellationToken);
            if (await documents.DeleteByIdAsync(id, cancellationToken) is null)
            {
                throw new QueryException("id", $"There is no document {id}.", QueryError.NotFound);
            }

            if (await collections.GetAsync(document.CollectionId, cancellationToken) is { } collection)
            {
                await WriteVisibility.AwaitAsync(serving, collection.Name, cancellationToken);
            }

            return Results.NoContent();
        }).WithName("DeleteDocument")
          .WithSummary("Delete a document and its segments; gone from search when answered. Its file is not touched.")
          .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>A document's record as GET, PUT and the uploads answer it.</summary>
    private static object Describe(DocumentInfo document) => new
    {
        document.Id,
        document.Uri,
        Modality = document.Modality.ToName(),
        document.Title,
        document.Caption,
        document.Width,
        document.Height,
        Duration = document.DurationSeconds,
        document.SizeBytes,
        document.ContentSha256,
        document.Metadata,
        document.CreatedAt,
        document.UpdatedAt,
        ThumbnailUrl = $"/api/documents/{document.Id}/thumbnail",
        MediaUrl = $"/api/documents/{document.Id}/media",
    };

    /// <summary>
    /// The document, if it exists and the request's key may reach its collection. For a key limited to other
    /// collections the document does not exist (404, the same answer as an unused id), so such a key cannot learn
    /// which ids other collections hold.
    /// </summary>
    private static async Task<DocumentInfo> RequireAsync(HttpContext http, DocumentStore documents, CollectionStore collections, long id, CancellationToken cancellationToken)
    {
        var document = await documents.GetAsync(id, cancellationToken)
            ?? throw new QueryException("id", $"There is no document {id}.", QueryError.NotFound);
        if (http.User.Collections() is not null)
        {
            var collection = await collections.GetAsync(document.CollectionId, cancellationToken);
            if (collection is null || !http.User.AllowsCollection(collection.Name))
            {
                throw new QueryException("id", $"There is no document {id}.", QueryError.NotFound);
            }
        }

        return document;
    }
}
