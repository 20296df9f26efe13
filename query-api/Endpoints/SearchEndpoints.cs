using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SearchEngine.QueryApi.Contracts;
using SearchEngine.QueryApi.Uploads;
using SearchEngine.Retrieval;
using SearchEngine.Retrieval.Queries;

namespace SearchEngine.QueryApi.Endpoints;

/// <summary>GET and POST /api/search: every query direction goes through one pipeline.</summary>
internal static class SearchEndpoints
{
    public static void MapSearchEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/search").WithTags("Search");

        group.MapGet("/", SearchByTextAsync)
            .WithName("SearchByText")
            .WithSummary("Text query: documents of any modality (or the one given) that match the text.")
            .Produces<SearchResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

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
            .DisableAntiforgery();
    }

    private static async Task<SearchResponse> SearchByTextAsync(
        SearchService search,
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
        var result = await search.SearchAsync(query, cancellationToken);
        return result.ToResponse(query, options.Value.CloseMatchRelevance);
    }

    private static async Task<SearchResponse> SearchByExampleAsync(HttpRequest request, SearchService search, IOptions<QueryApiOptions> options, CancellationToken cancellationToken)
    {
        if (request.HasJsonContentType())
        {
            var body = await ReadBodyAsync(request, cancellationToken)
                ?? throw new QueryException("body", "The JSON body is empty; send {\"collection\": …, \"text\" or \"documentId\": …}.");
            var query = new SearchQuery
            {
                Collection = body.Collection ?? "",
                Text = body.Text,
                DocumentId = body.DocumentId,
                Modality = QueryParameters.Modality(body.Modality),
                K = body.K ?? 10,
                Filter = body.Filter is { ValueKind: not System.Text.Json.JsonValueKind.Null and not System.Text.Json.JsonValueKind.Undefined } f ? f.GetRawText() : null,
                Rerank = body.Rerank ?? true,
                Diversity = body.Diversity ?? 0,
                Ef = body.Ef,
                MinRelevance = body.MinRelevance,
            };
            return (await search.SearchAsync(query, cancellationToken)).ToResponse(query, options.Value.CloseMatchRelevance);
        }

        if (!request.HasFormContentType)
        {
            throw new QueryException("body", "POST /api/search takes multipart/form-data (with a file) or application/json.");
        }

        if (request.ContentLength > options.Value.MaxUploadBytes)
        {
            throw new BadHttpRequestException("Upload too large.", StatusCodes.Status413PayloadTooLarge);
        }

        var form = await request.ReadFormAsync(cancellationToken);
        var file = form.Files.GetFile("file");
        if (file is not null && file.Length == 0)
        {
            throw new QueryException("file", $"The uploaded file '{file.FileName}' is empty.");
        }

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
        };
        return (await search.SearchAsync(formQuery, cancellationToken)).ToResponse(formQuery, options.Value.CloseMatchRelevance);
    }

    /// <summary>
    /// The JSON body; a field of the wrong type (<c>"k": "ten"</c>, <c>"min_relevance": "high"</c>) is a 400 naming the
    /// field, like a bad query-string parameter, rather than a serializer error.
    /// </summary>
    private static async Task<SearchRequestBody?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await request.ReadFromJsonAsync<SearchRequestBody>(cancellationToken);
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
            if (field is null)
            {
                throw new QueryException("body", "The body is not valid JSON; send {\"collection\": …, \"text\" or \"documentId\": …}.");
            }

            var expected = field switch
            {
                "k" or "ef" or "documentId" => "a whole number",
                "diversity" => "a number between 0 and 1",
                "min_relevance" => "a number between 0 and 1 (an estimated probability)",
                "rerank" => "true or false",
                "filter" => "a JSON object",
                _ => "a string",
            };
            throw new QueryException(field, $"{field} must be {expected}.");
        }
    }

    private static string? NullIfEmpty(string value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
