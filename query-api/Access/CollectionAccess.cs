using Microsoft.AspNetCore.Authorization;

namespace SearchEngine.QueryApi.Access;

/// <summary>
/// Resource-based authorization for collections an endpoint learns only from a body or a stored document (a search by
/// example, a document's file): the same <see cref="CollectionRequirement"/> the policies check, through
/// <see cref="IAuthorizationService"/>.
/// </summary>
internal static class CollectionAccess
{
    /// <exception cref="CollectionAccessDeniedException">The request's key is limited to other collections.</exception>
    public static async Task RequireAsync(HttpContext http, string? collection)
    {
        if (string.IsNullOrEmpty(collection))
        {
            return;
        }

        var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
        var result = await authorization.AuthorizeAsync(http.User, collection, CollectionRequirement.Instance);
        if (!result.Succeeded)
        {
            throw new CollectionAccessDeniedException(string.Join(" ", result.Failure?.FailureReasons.Select(r => r.Message) ?? []));
        }
    }
}
