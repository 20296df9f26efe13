using Microsoft.AspNetCore.Mvc;

namespace SearchEngine.QueryApi.Access;

/// <summary>The 401 and 403 problems: each names what was wrong with the key, or what the request needed.</summary>
internal static class AccessProblems
{
    /// <summary>The realm named in <c>WWW-Authenticate</c>.</summary>
    public const string Realm = "searchengine";

    /// <summary>401 with <c>WWW-Authenticate: Bearer</c> (RFC 6750: <c>error="invalid_token"</c> when a key was sent but refused).</summary>
    public static Task WriteUnauthorizedAsync(HttpContext context, string? failure, string? requiredScope)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = failure is null
            ? $"Bearer realm=\"{Realm}\""
            : $"Bearer realm=\"{Realm}\", error=\"invalid_token\"";
        var needed = requiredScope is null ? "an API key" : $"an API key with scope '{requiredScope}'";
        return WriteAsync(context, new ProblemDetails
        {
            Status = StatusCodes.Status401Unauthorized,
            Title = failure is null ? "API key required" : "Invalid API key",
            Detail = failure ?? $"This request needs {needed}: send it as 'Authorization: Bearer se_…' or '{PresentedKey.HeaderName}: se_…' " +
                     "(searchengine-indexer keys create, or POST /api/keys with an admin key).",
        });
    }

    /// <summary>403: the key is valid but does not reach this.</summary>
    public static Task WriteForbiddenAsync(HttpContext context, string detail, string title = "Not allowed for this API key")
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return WriteAsync(context, new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = title, Detail = detail });
    }

    private static Task WriteAsync(HttpContext context, ProblemDetails problem)
    {
        problem.Instance = context.Request.Path;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).AsTask();
    }
}
