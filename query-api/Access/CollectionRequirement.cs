using Microsoft.AspNetCore.Authorization;

namespace SearchEngine.QueryApi.Access;

/// <summary>
/// A key limited to some collections may reach only those. The collection is the resource: the route value or query
/// parameter <c>collection</c> when a policy is checked for a request, or the name itself when an endpoint learns it
/// from a body or a document (resource-based authorization through <see cref="IAuthorizationService"/>).
/// </summary>
internal sealed class CollectionRequirement : IAuthorizationRequirement
{
    public static CollectionRequirement Instance { get; } = new();
}

/// <summary>Grants <see cref="CollectionRequirement"/> unless the key is limited to collections that exclude the one asked for.</summary>
internal sealed class CollectionRequirementHandler : AuthorizationHandler<CollectionRequirement>
{
    /// <summary>The route value and query parameter that name a request's collection.</summary>
    public const string Parameter = "collection";

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, CollectionRequirement requirement)
    {
        var collection = context.Resource switch
        {
            string name => name,
            HttpContext http => http.Request.RouteValues[Parameter] as string ?? http.Request.Query[Parameter].FirstOrDefault(),
            _ => null,
        };

        // A request that names no collection is not bound to one (a listing, or a mistake the endpoint reports).
        if (string.IsNullOrEmpty(collection) || context.User.AllowsCollection(collection))
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new AuthorizationFailureReason(this,
                $"This API key is limited to the collection{(context.User.Collections()!.Count == 1 ? "" : "s")} " +
                $"{string.Join(", ", context.User.Collections()!.Select(c => $"'{c}'"))}; it may not reach '{collection}'."));
        }

        return Task.CompletedTask;
    }
}
