using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using SearchEngine.QueryApi.Access;

namespace SearchEngine.QueryApi.Hosting;

/// <summary>
/// ASP.NET Core's rate limiter, one fixed window per client and kind of request: uploads (multipart POSTs) count against
/// their own, tighter budget. A refused request gets 429 problem details with Retry-After. A request made with an API key
/// counts against its key (wherever it comes from); one without counts against its remote address: forwarded headers
/// are not trusted, so behind a reverse proxy the proxy must do the limiting of anonymous clients.
/// </summary>
internal static class ClientRateLimiting
{
    public static IServiceCollection AddClientRateLimiting(this IServiceCollection services, RateLimitOptions limits)
    {
        return services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, limits));
            o.OnRejected = RejectAsync;
        });
    }

    private static RateLimitPartition<string> Partition(HttpContext context, RateLimitOptions limits)
    {
        // Health probes, the page and the OpenAPI document are not limited; nor are documents' records, thumbnails and
        // media: a results page loads a thumbnail per hit and a player seeks with many range requests, each a look-up by
        // id, so counting them would spend a person's budget on browsing rather than searching.
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/api/documents", StringComparison.OrdinalIgnoreCase))
        {
            return RateLimitPartition.GetNoLimiter("unlimited");
        }

        var upload = HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType;
        var permits = upload ? limits.UploadsPerWindow : limits.RequestsPerWindow;
        return RateLimitPartition.GetFixedWindowLimiter(
            (upload ? "upload " : "request ") + Client(context),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = limits.Window, QueueLimit = 0, AutoReplenishment = true });
    }

    /// <summary>Who a request is counted against: its API key (authentication runs before the limiter), else its remote address.</summary>
    private static string Client(HttpContext context) => context.User.KeyId() is { } key
        ? "key " + key.ToString(CultureInfo.InvariantCulture)
        : "address " + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken _)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var upload = context.Request.HasFormContentType;
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = "Too many requests",
            Detail = $"This {(context.User.KeyId() is null ? "client" : "API key")} sent more {(upload ? "uploads" : "requests")} than the rate limit allows " +
                     $"(QueryApi:RateLimits:{(upload ? "UploadsPerWindow" : "RequestsPerWindow")}); retry after {seconds} s.",
            Instance = context.Request.Path,
        };
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
