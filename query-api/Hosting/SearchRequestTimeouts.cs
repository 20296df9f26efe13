using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Mvc;

namespace SearchEngine.QueryApi.Hosting;

/// <summary>
/// ASP.NET Core's request timeouts: every endpoint gets <see cref="QueryApiOptions.RequestTimeout"/> unless it names
/// <see cref="Upload"/>; a request past its time has its work cancelled and is answered 504 problem details.
/// </summary>
internal static class SearchRequestTimeouts
{
    /// <summary>The policy of searches that may decode an uploaded file.</summary>
    public const string Upload = "upload";

    public static IServiceCollection AddSearchRequestTimeouts(this IServiceCollection services, QueryApiOptions options)
    {
        return services.AddRequestTimeouts(o =>
        {
            o.DefaultPolicy = Policy(options.RequestTimeout, "QueryApi:RequestTimeout");
            o.AddPolicy(Upload, Policy(options.UploadRequestTimeout, "QueryApi:UploadRequestTimeout"));
        });
    }

    private static RequestTimeoutPolicy Policy(TimeSpan timeout, string setting) => new()
    {
        Timeout = timeout,
        TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
        WriteTimeoutResponse = context => context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status504GatewayTimeout,
                Title = "Request timed out",
                Detail = $"The request ran past its time limit of {timeout.TotalSeconds:0.###} s ({setting}) and was stopped. Try again, or with a smaller file or k.",
                Instance = context.Request.Path,
            },
        }).AsTask(),
    };
}
