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
}
