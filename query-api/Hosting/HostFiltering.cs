using Microsoft.AspNetCore.HostFiltering;

namespace SearchEngine.QueryApi.Hosting;

/// <summary>
/// ASP.NET Core's host filtering (the <c>AllowedHosts</c> setting), moved inside the error pages: the web host puts it
/// in front of everything, where a refused Host gets a bare HTML 400; here it answers problem details like every other
/// client mistake.
/// </summary>
internal static class HostFiltering
{
    public static IServiceCollection MoveHostFilteringInsideErrorPages(this IServiceCollection services)
    {
        // The default host's startup filter is internal; it is found by name to take it out of the pipeline's front.
        var startupFilter = services.FirstOrDefault(d => d.ServiceType == typeof(IStartupFilter) && d.ImplementationType?.Name == "HostFilteringStartupFilter");
        if (startupFilter is not null)
        {
            services.Remove(startupFilter);
        }

        return services.Configure<HostFilteringOptions>(o => o.IncludeFailureMessage = false);
    }

    /// <summary>
    /// Refuses requests whose Host is not in <c>AllowedHosts</c>, except health probes: orchestrators probe by the
    /// container's address, which no configuration can know in advance, and the probes reveal nothing.
    /// </summary>
    public static IApplicationBuilder UseHostFilteringExceptProbes(this IApplicationBuilder app) =>
        app.UseWhen(context => !IsProbe(context.Request.Path), branch => branch.UseHostFiltering());

    private static bool IsProbe(PathString path) => path.Equals("/health", StringComparison.OrdinalIgnoreCase) || path.Equals("/ready", StringComparison.OrdinalIgnoreCase);
}
