using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SearchEngine.QueryApi.Paging;

/// <summary>Registers cursor paging.</summary>
internal static class PagingServiceCollectionExtensions
{
    public static IServiceCollection AddSearchCursors(this IServiceCollection services)
    {
        services.AddOptions<CursorOptions>().BindConfiguration(CursorOptions.SectionName)
            .Validate(o => o.Lifetime > TimeSpan.Zero && o.MaxQueries > 0, "QueryApi:Cursors:Lifetime and MaxQueries must be above zero.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SearchCursors>();
        return services;
    }
}
