using Microsoft.AspNetCore.Authorization;
using SearchEngine.Access;

namespace SearchEngine.QueryApi.Access;

/// <summary>The request needs a key whose scopes grant <see cref="Scope"/> (admin implies write implies read).</summary>
internal sealed class ScopeRequirement(string scope) : IAuthorizationRequirement
{
    public string Scope { get; } = scope;
}

/// <summary>
/// Grants <see cref="ScopeRequirement"/> to a key holding the scope. Without a key, read is granted when anonymous read is
/// on (<see cref="AnonymousRead"/>); a request that sent a key which failed is never treated as anonymous, so a revoked
/// key is refused (401) rather than quietly demoted.
/// </summary>
internal sealed class ScopeRequirementHandler(AnonymousRead anonymousRead) : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        var user = context.User;
        if (user.KeyId() is not null)
        {
            if (ApiScopes.Grants(user.Scopes(), requirement.Scope))
            {
                context.Succeed(requirement);
            }
            else
            {
                context.Fail(new AuthorizationFailureReason(this,
                    $"This API key has scope {string.Join(", ", user.Scopes())}; this request needs '{requirement.Scope}'."));
            }
        }
        else if (requirement.Scope == ApiScopes.Read && anonymousRead.Allowed
                 && context.Resource is HttpContext http && !PresentedKey.IsPresent(http.Request))
        {
            context.Succeed(requirement);
        }

        // Otherwise nothing: the request is not signed in, and the authorization middleware challenges it (401).
        return Task.CompletedTask;
    }
}
