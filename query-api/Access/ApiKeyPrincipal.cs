using System.Globalization;
using System.Security.Claims;
using SearchEngine.Access;

namespace SearchEngine.QueryApi.Access;

/// <summary>The signed-in form of an API key: its id, name, scopes and collections as claims, and the questions asked of them.</summary>
internal static class ApiKeyPrincipal
{
    public const string ScopeClaim = "scope";
    public const string CollectionClaim = "collection";

    public static ClaimsPrincipal Create(ApiKey key, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, key.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, key.Name),
        };
        claims.AddRange(key.Scopes.Select(s => new Claim(ScopeClaim, s)));
        // No collection claims means every collection; a limited key always has at least one (the table's CHECK).
        claims.AddRange((key.Collections ?? []).Select(c => new Claim(CollectionClaim, c)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>The id of the key the request was made with, or null for an anonymous request.</summary>
    public static long? KeyId(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.FindFirst(ClaimTypes.NameIdentifier) is { } id
            ? long.Parse(id.Value, CultureInfo.InvariantCulture)
            : null;

    public static IReadOnlyList<string> Scopes(this ClaimsPrincipal user) => user.FindAll(ScopeClaim).Select(c => c.Value).ToList();

    /// <summary>The collections the key is limited to, or null for every collection (and for anonymous requests).</summary>
    public static IReadOnlyList<string>? Collections(this ClaimsPrincipal user)
    {
        var collections = user.FindAll(CollectionClaim).Select(c => c.Value).ToList();
        return collections.Count == 0 ? null : collections;
    }

    /// <summary>Whether the request may reach collection <paramref name="collection"/>.</summary>
    public static bool AllowsCollection(this ClaimsPrincipal user, string collection) =>
        user.Collections() is not { } limited || limited.Contains(collection, StringComparer.Ordinal);
}
