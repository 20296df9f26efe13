using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace SearchEngine.QueryApi.Access;

/// <summary>
/// Answers the authorization middleware's refusals as problems that say what was missing: 401 with the key's failure
/// (missing, malformed, unknown, revoked) and the scope the endpoint needs, 403 with the scope or collection the key
/// lacks. Granted requests go on unchanged.
/// </summary>
internal sealed class AccessResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged)
        {
            var failure = (await context.AuthenticateAsync()).Failure?.Message;
            var scope = policy.Requirements.OfType<ScopeRequirement>().Select(r => r.Scope).FirstOrDefault();
            await AccessProblems.WriteUnauthorizedAsync(context, failure, scope);
        }
        else if (authorizeResult.Forbidden)
        {
            var reasons = authorizeResult.AuthorizationFailure?.FailureReasons.Select(r => r.Message).ToList() ?? [];
            await AccessProblems.WriteForbiddenAsync(context, reasons.Count > 0 ? string.Join(" ", reasons) : "This API key may not do this.");
        }
        else
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
        }
    }
}
