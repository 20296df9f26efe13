using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using SearchEngine.Access;
using SearchEngine.Core;
using SearchEngine.Media;
using SearchEngine.QueryApi.Access;
using SearchEngine.Retrieval.Queries;
using SearchEngine.Serving;
using SearchEngine.Storage;
using SearchEngine.Storage.Filtering;
using SearchEngine.Storage.Jobs;

namespace SearchEngine.QueryApi.Problems;

/// <summary>
/// Turns every exception a request can raise into an RFC 7807 problem with a message a person can act on. Unknown
/// failures become a 500 that says what to do and carries no stack trace; they are logged at Error with one. Client
/// mistakes are logged at Warning, without a stack trace, where every problem is (<see cref="ClientErrorDetails"/>).
/// </summary>
public sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Describe(exception, httpContext.Request.Path);
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            // An outage or a full decode queue is a state of the service, not a bug: one line, no stack trace per request.
            LogUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, problem.Title, exception.Message);
        }
        else if (problem.Status >= 500)
        {
            LogUnhandled(logger, httpContext.Request.Method, httpContext.Request.Path, exception);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        if (exception is MediaBusyException busy)
        {
            httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(busy.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "5";
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>The problem details for <paramref name="exception"/>.</summary>
    public static ProblemDetails Describe(Exception exception, string path) => exception switch
    {
        QueryException { Kind: QueryError.NotFound } e => Problem(StatusCodes.Status404NotFound, "Not found", e.Message, path, e.Parameter),
        QueryException { Kind: QueryError.TooLarge } e => Problem(StatusCodes.Status413PayloadTooLarge, "Request too large", e.Message, path, e.Parameter),
        QueryException { Kind: QueryError.UnsupportedContentType } e => Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type", e.Message, path, e.Parameter),
        QueryException { Kind: QueryError.UnsupportedByPack } e => Problem(StatusCodes.Status422UnprocessableEntity, "Query not supported by this collection's model pack", e.Message, path, e.Parameter),
        QueryException e => Problem(StatusCodes.Status400BadRequest, $"Invalid parameter '{e.Parameter}'", e.Message, path, e.Parameter),
        // A filter can pass parsing and still be refused when it is compiled to SQL (too many parameters).
        DocumentFilterException e => Problem(StatusCodes.Status400BadRequest, "Invalid parameter 'filter'", e.Message, path, "filter"),
        InvalidApiKeyRequestException e => Problem(StatusCodes.Status400BadRequest, $"Invalid parameter '{e.Field}'", e.Message, path, e.Field),
        Endpoints.MediaFileRefusedException e => Problem(e.Refusal.Status, e.Refusal.Title, e.Refusal.Detail, path, "documentId"),
        CollectionAccessDeniedException e => Problem(StatusCodes.Status403Forbidden, "Not allowed for this API key", e.Message, path, "collection"),
        CollectionNotFoundException e => Problem(StatusCodes.Status404NotFound, "Unknown collection", e.Message, path, "collection"),
        PackMismatchException e => Problem(StatusCodes.Status409Conflict, "Model pack mismatch", e.Message, path),
        CollectionBusyException e => Problem(StatusCodes.Status409Conflict, "Collection busy", e.Message, path, "collection"),
        MediaBusyException e => Problem(MediaBusyException.Status, "Busy decoding uploads", e.Message, path, "file"),
        MediaException { Stage: MediaStage.Sniff } e => Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported file type", e.Reason, path, "file"),
        MediaException e => Problem(StatusCodes.Status422UnprocessableEntity, "The file could not be decoded", e.Reason, path, "file"),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Problem(
            StatusCodes.Status413PayloadTooLarge, "Upload too large", "The upload is larger than this service accepts. Send a smaller file (the limit is set by QueryApi:MaxUploadBytes).", path, "file"),
        BadHttpRequestException e => Problem(e.StatusCode, "Bad request", e.Message, path),
        _ when DatabaseUnavailable.Is(exception) => Problem(StatusCodes.Status503ServiceUnavailable, "Database unavailable",
            "The search service cannot reach its database (PostgreSQL), or it did not answer in time. Try again in a few seconds.", path),
        Npgsql.PostgresException { SqlState: "42501" } => Problem(StatusCodes.Status503ServiceUnavailable, "This server cannot write",
            "The query API's database role may not change this data (it runs with the read-only role). Connect it with a role made by 'searchengine-indexer migrate --write-role NAME' to accept writes.", path),
        OperationCanceledException => Problem(499, "Request cancelled", "The client closed the request before it finished.", path),
        _ => Problem(StatusCodes.Status500InternalServerError, "Internal error",
            "The search service failed to answer this request. It has been logged; try again, and if it keeps failing, check the service log.", path),
    };

    private static ProblemDetails Problem(int status, string title, string detail, string path, string? parameter = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Instance = path };
        if (parameter is not null)
        {
            problem.Extensions["parameter"] = parameter;
        }

        return problem;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered {Method} {Path} with 503 ({Title}): {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string method, string path, string? title, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error answering {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, string method, string path, Exception exception);
}
