using Microsoft.AspNetCore.StaticFiles;
using SearchEngine.Collections;
using SearchEngine.Core;
using SearchEngine.Retrieval.Queries;
using SearchEngine.Storage.Documents;

namespace SearchEngine.QueryApi.Endpoints;

/// <summary>GET /api/documents/{id}, its thumbnail, and its media file (with range requests, so players can seek).</summary>
internal static class DocumentEndpoints
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static void MapDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/documents").WithTags("Documents");

        group.MapGet("/{id:long}", async (long id, DocumentStore documents, CancellationToken cancellationToken) =>
        {
            var document = await RequireAsync(documents, id, cancellationToken);
            return Results.Ok(new
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
                ThumbnailUrl = $"/api/documents/{id}/thumbnail",
                MediaUrl = $"/api/documents/{id}/media",
            });
        }).WithName("GetDocument").WithSummary("A document's stored record.").ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id:long}/thumbnail", async (long id, DocumentStore documents, ThumbnailStore thumbnails, CancellationToken cancellationToken) =>
        {
            var document = await RequireAsync(documents, id, cancellationToken);
            var stream = thumbnails.OpenRead(document.ContentSha256);
            return stream is null
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No thumbnail", detail: $"Document {id} ({document.Modality.ToName()}) has no thumbnail.")
                : Results.Stream(stream, "image/jpeg", enableRangeProcessing: false, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{document.ContentSha256}\""));
        }).WithName("GetThumbnail").WithSummary("A JPEG thumbnail (images and videos).").ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id:long}/media", async (long id, DocumentStore documents, CancellationToken cancellationToken) =>
        {
            var document = await RequireAsync(documents, id, cancellationToken);
            var path = document.Uri.StartsWith("file://", StringComparison.Ordinal) ? new Uri(document.Uri).LocalPath : document.Uri;
            if (!Path.IsPathRooted(path) || !File.Exists(path))
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Media file missing",
                    detail: $"The file of document {id} is no longer at '{document.Uri}'. Re-run the indexer with --delete-missing to drop documents whose files are gone.");
            }

            var contentType = ContentTypes.TryGetContentType(path, out var type) ? type : "application/octet-stream";
            return Results.File(path, contentType, enableRangeProcessing: true);
        }).WithName("GetMedia").WithSummary("The document's file, with HTTP range requests.").ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<DocumentInfo> RequireAsync(DocumentStore documents, long id, CancellationToken cancellationToken) =>
        await documents.GetAsync(id, cancellationToken)
        ?? throw new QueryException("id", $"There is no document {id}.", QueryError.NotFound);
}
