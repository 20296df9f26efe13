using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using SearchEngine.Access;

namespace SearchEngine.QueryApi.Access;

/// <summary>
/// The API's authentication and authorization, all ASP.NET Core's own: the API-key scheme as the default, one policy
/// per scope named as the scope (<see cref="ApiScopes.Read"/>, <see cref="ApiScopes.Write"/>, <see cref="ApiScopes.Admin"/>,
/// so endpoints say <c>.RequireAuthorization(ApiScopes.Write)</c>), and the collection requirement in the read and write
/// policies.
/// </summary>
internal static class ApiKeyAccess
{
    public static IServiceCollection AddApiKeyAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSearchEngineAccess(o => configuration.GetSection(AccessOptions.SectionName).Bind(o));
        services.AddSingleton<AnonymousRead>();
        services.AddHostedService<AnonymousReadAtStart>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, configureOptions: null);
        services.AddSingleton<IAuthorizationHandler, ScopeRequirementHandler>();
        services.AddSingleton<IAuthorizationHandler, CollectionRequirementHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AccessResultHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiScopes.Read, p => p.AddRequirements(new ScopeRequirement(ApiScopes.Read), CollectionRequirement.Instance))
            .AddPolicy(ApiScopes.Write, p => p.AddRequirements(new ScopeRequirement(ApiScopes.Write), CollectionRequirement.Instance))
            .AddPolicy(ApiScopes.Admin, p => p.AddRequirements(new ScopeRequirement(ApiScopes.Admin)));
        return services;
    }
}
