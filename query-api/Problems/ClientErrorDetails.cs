using Microsoft.AspNetCore.Http.Features;

namespace SearchEngine.QueryApi.Problems;

/// <summary>
/// The one place every problem passes (exception handler, status-code pages, rate limiter, timeouts, endpoint results):
/// gives the problems that ASP.NET Core answers with a bare status (no route, wrong method, wrong content type, refused
/// Host) a detail that says what to do, and logs each client mistake at Warning, without a stack trace, so a client's
/// errors never read as the service's.
/// </summary>
internal static partial class ClientErrorDetails
{
    public static IServiceCollection AddSearchProblemDetails(this IServiceCollection services) =>
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            var http = context.HttpContext;
            var problem = context.ProblemDetails;
            var status = problem.Status ?? http.Response.StatusCode;
            problem.Instance ??= http.Request.Path;
            problem.Detail ??= DetailOf(status, http);
            if (status is >= 400 and < 500)
            {
                var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ClientErrorDetails));
                LogClientError(logger, http.Request.Method, http.Request.Path, status, problem.Detail ?? problem.Title ?? "");
            }
        });

    private static string? DetailOf(int status, HttpContext http)
    {
        var request = http.Request;
        return status switch
        {
            StatusCodes.Status400BadRequest =>
                $"The request was refused before it reached the API. If the Host header ('{Shorten(request.Host.Value)}') is not a name of this service, use one that is (AllowedHosts).",
            StatusCodes.Status404NotFound when http.GetEndpoint() is null =>
                $"There is nothing at {Shorten(request.Path)}. The API is /api/search, /api/collections, /api/documents/{{id}}, /api/jobs/{{id}} and /api/keys; /openapi/v1.json describes it.",
            StatusCodes.Status404NotFound => $"Nothing was found at {Shorten(request.Path)}.",
            StatusCodes.Status405MethodNotAllowed =>
                $"Method {Shorten(request.Method)} is not allowed on {Shorten(request.Path)}; /openapi/v1.json lists the methods each path takes.",
            StatusCodes.Status406NotAcceptable =>
                $"The Accept header asks for '{Shorten(request.Headers.Accept.ToString())}', which this API cannot answer in; accept application/json.",
            StatusCodes.Status413PayloadTooLarge =>
                "The request body is larger than this service accepts (QueryApi:MaxUploadBytes for uploads, QueryApi:MaxJsonBodyBytes for JSON).",
            StatusCodes.Status415UnsupportedMediaType =>
                $"{request.Method} {Shorten(request.Path)} does not take Content-Type '{Shorten(request.ContentType ?? "none")}'; send application/json or multipart/form-data.",
            _ => http.Features.Get<IHttpResponseFeature>()?.ReasonPhrase,
        };
    }

    // Whatever the client sent is echoed only in part.
    private static string Shorten(string? text) => text is null ? "" : text.Length <= 80 ? text : text[..80] + "…";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client error answering {Method} {Path}: {Status} {Detail}")]
    private static partial void LogClientError(ILogger logger, string method, string path, int status, string detail);
}
