using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SearchEngine.Access;
using SearchEngine.QueryApi.Access;
using SearchEngine.QueryApi.Contracts;
using SearchEngine.QueryApi.Hosting;
using SearchEngine.QueryApi.Paging;
using SearchEngine.QueryApi.Uploads;
using SearchEngine.Retrieval;
using SearchEngine.Retrieval.Queries;
using SearchEngine.Media;
using SearchEngine.Storage.Collections;
using SearchEngine.Storage.Documents;

namespace SearchEngine.QueryApi.Endpoints;

/// <summary>GET and POST /api/search: every query direction goes through one pipeline.</summary>
internal static class SearchEndpoints
{
    public static void MapSearchEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/search").WithTags("Search").RequireAuthorization(ApiScopes.Read);

        group.MapGet("/", SearchByTextAsync)
            .WithName("SearchByText")
            .WithSummary("Text query: documents of any modality (or the one given) that match the text.")
            .Produces<SearchResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status504GatewayTimeout);

        group.MapPost("/", SearchByExampleAsync)
            .WithName("SearchByExample")
            .WithSummary("Search by an example file (image, audio, or video's sound), optionally with text, or by a document (\"more like this\").")
            // One Accepts for both: routing matches the request's content type against the last Accepts metadata only,
            // so a second call would turn "more like this" JSON bodies away with a bare 415.
            .Accepts<SearchRequestBody>("application/json", "multipart/form-data")
            .Produces<SearchResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status504GatewayTimeout)
            .WithRequestTimeout(SearchRequestTimeouts.Upload)
            .DisableAntiforgery();
    }

    private static async Task<SearchResponse> SearchByTextAsync(
        SearchService search,
        SearchCursors cursors,
        IOptions<QueryApiOptions> options,
        [FromQuery] string? collection,
        [FromQuery] string? q,
        [FromQuery] string? modality,
        [FromQuery] string? k,
        [FromQuery] string? rerank,
        [FromQuery] string? diversity,
        [FromQuery] string? filter,
        [FromQuery] string? ef,
        [FromQuery(Name = "min_relevance")] string? minRelevance,
        [FromQuery] string? cursor,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            throw new QueryException("q", "q is required: the text to search for (or POST a file to search by example).");
        }

        var query = new SearchQuery
        {
            Collection = collection ?? "",
            Text = q,
            Modality = QueryParameters.Modality(modality),
            K = QueryParameters.Int(k, "k") ?? 10,
            Rerank = QueryParameters.Bool(rerank, "rerank") ?? true,
            Diversity = QueryParameters.Double(diversity, "diversity") ?? 0,
            Filter = filter,
            Ef = QueryParameters.Int(ef, "ef"),
            MinRelevance = QueryParameters.Double(minRelevance, "min_relevance"),
        };
        return await AnswerAsync(search, cursors, options.Value, query, cursor, fileSha256: null, cancellationToken);
    }

    private static async Task<SearchResponse> SearchByExampleAsync(
        HttpRequest request, SearchService search, SearchCursors cursors, IOptions<QueryApiOptions> options, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        DocumentStore documents, CollectionStore collections, MediaDecoder media, CancellationToken cancellationToken)
    {
        if (request.HasJsonContentType())
        {
            var body = await SearchRequestJson.ReadAsync(request, options.Value.MaxJsonBodyBytes, json.Value.SerializerOptions, cancellationToken);
            var query = new SearchQuery
            {
                Collection = body.Collection ?? "",
                Text = body.Text,
                DocumentId = body.DocumentId,
                Modality = QueryParameters.Modality(body.Modality),
                K = body.K ?? 10,
                Filter = body.Filter is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } f ? f.GetRawText() : null,
                Rerank = body.Rerank ?? true,
                Diversity = body.Diversity ?? 0,
                Ef = body.Ef,
                MinRelevance = body.MinRelevance,
                Crop = QueryParameters.Crop(body.Crop),
            };
            // The collection is in the body, which the policy does not read: the same requirement, checked here.
            await CollectionAccess.RequireAsync(request.HttpContext, query.Collection);
            query = await WithDocumentFileAsync(query, documents, collections, media, cancellationToken);
            return await AnswerAsync(search, cursors, options.Value, query, body.Cursor, fileSha256: null, cancellationToken);
        }

        if (!request.HasFormContentType)
        {
            throw new QueryException("body",
                $"POST /api/search takes multipart/form-data (with a file) or application/json; the Content-Type was '{ContentTypeOf(request)}'.",
                QueryError.UnsupportedContentType);
        }

        if (request.ContentLength > options.Value.MaxUploadBytes)
        {
            throw UploadTooLarge(options.Value.MaxUploadBytes);
        }

        var form = await ReadFormAsync(request, options.Value.MaxUploadBytes, cancellationToken);
        // The collection is a form field, which the policy does not read: the same requirement, checked before the file is saved.
        await CollectionAccess.RequireAsync(request.HttpContext, form["collection"].ToString());
        var file = SingleFile(form);
        await using var upload = file is null ? null : await UploadedFile.SaveAsync(file, cancellationToken);
        var formQuery = new SearchQuery
        {
            Collection = form["collection"].ToString(),
            Text = NullIfEmpty(form["q"].ToString()),
            FilePath = upload?.Path,
            FileName = upload?.Name,
            DocumentId = QueryParameters.Long(form["documentId"].ToString(), "documentId"),
            Modality = QueryParameters.Modality(form["modality"].ToString()),
            K = QueryParameters.Int(form["k"].ToString(), "k") ?? 10,
            Filter = NullIfEmpty(form["filter"].ToString()),
            Rerank = QueryParameters.Bool(form["rerank"].ToString(), "rerank") ?? true,
            Diversity = QueryParameters.Double(form["diversity"].ToString(), "diversity") ?? 0,
            Ef = QueryParameters.Int(form["ef"].ToString(), "ef"),
            MinRelevance = QueryParameters.Double(form["min_relevance"].ToString(), "min_relevance"),
            Crop = QueryParameters.Crop(form["crop"].ToString()),
        };
        if (upload is not null && formQuery is { Crop: not null, DocumentId: not null })
        {
            throw new QueryException("crop", "crop applies to one image: send the file or the documentId of an indexed image, not both.");
        }

        var cursor = NullIfEmpty(form["cursor"].ToString());
        // A later page is the same query only with the same file: its bytes are part of the query's fingerprint.
        var fileSha256 = upload is null ? null : await QueryFingerprint.FileSha256Async(upload.Path, cancellationToken);
        formQuery = await WithDocumentFileAsync(formQuery, documents, collections, media, cancellationToken);
        return await AnswerAsync(search, cursors, options.Value, formQuery, cursor, fileSha256, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="query"/> as the page after <paramref name="cursor"/> (the first page without one) and gives
    /// the response the cursor of the page after it.
    /// </summary>
    private static async Task<SearchResponse> AnswerAsync(
        SearchService search, SearchCursors cursors, QueryApiOptions options, SearchQuery query, string? cursor, string? fileSha256, CancellationToken cancellationToken)
    {
        var fingerprint = QueryFingerprint.Of(query, fileSha256);
        var paged = query with { Shown = cursors.Resume(cursor, fingerprint) };
        var result = await search.SearchAsync(paged, cancellationToken);
        return result.ToResponse(paged, options.CloseMatchRelevance, cursors.Next(cursor, fingerprint, paged.Shown, result, paged.K));
    }

    /// <summary>A crop of an indexed document reads the document's own image, so the client need not upload it again.</summary>
    private static async Task<SearchQuery> WithDocumentFileAsync(
        SearchQuery query, DocumentStore documents, CollectionStore collections, MediaDecoder media, CancellationToken cancellationToken)
    {
        if (query is not { Crop: not null, DocumentId: long documentId, FilePath: null } || string.IsNullOrWhiteSpace(query.Collection))
        {
            return query;
        }

        if (query.Crop.Problem() is { } problem)
        {
            throw new QueryException("crop", problem); // before any file is read
        }

        var path = await CroppedDocument.FileAsync(documentId, query.Collection, documents, collections, media, cancellationToken);
        return query with { FilePath = path, FileName = $"document {documentId}" };
    }

    /// <summary>
    /// The form; a form that cannot be read (no boundary, cut short, over the form limits) is a client mistake, which
    /// the form reader reports as <see cref="InvalidDataException"/> (and <see cref="IOException"/> for a cut body).
    /// </summary>
    private static async Task<IFormCollection> ReadFormAsync(HttpRequest request, long maxUploadBytes, CancellationToken cancellationToken)
    {
        try
        {
            return await request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException e) when (e.Message.Contains("body length limit", StringComparison.OrdinalIgnoreCase))
        {
            throw UploadTooLarge(maxUploadBytes);
        }
        catch (Exception e) when (e is InvalidDataException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw new QueryException("body",
                $"The multipart form could not be read ({e.Message.TrimEnd('.')}); send multipart/form-data with a boundary, a 'file' part and fields such as 'collection'.");
        }
    }

    private static IFormFile? SingleFile(IFormCollection form)
    {
        if (form.Files.Count > 1)
        {
            throw new QueryException("file", $"The form holds {form.Files.Count} files; send one, as the part named 'file'.");
        }

        var file = form.Files.GetFile("file");
        if (file is null && form.Files.Count == 1)
        {
            throw new QueryException("file", $"The file was sent as the part named '{Shorten(form.Files[0].Name)}'; name it 'file'.");
        }

        return file is { Length: 0 } ? throw new QueryException("file", $"The uploaded file '{Shorten(file.FileName)}' is empty.") : file;
    }

    private static QueryException UploadTooLarge(long maxUploadBytes) => new("file",
        $"The upload is larger than this service accepts ({maxUploadBytes} bytes, QueryApi:MaxUploadBytes). Send a smaller file.", QueryError.TooLarge);

    private static string ContentTypeOf(HttpRequest request) => request.ContentType is { Length: > 0 } type ? Shorten(type) : "none";

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";

    private static string? NullIfEmpty(string value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
