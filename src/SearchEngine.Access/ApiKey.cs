namespace SearchEngine.Access;

/// <summary>An API key as stored, without its secret (which is never stored) or its hash.</summary>
/// <param name="Id">The key's id, used to list and revoke it.</param>
/// <param name="Name">Who or what the key is for, as its creator named it.</param>
/// <param name="Prefix">The public part of the key (<c>se_&lt;prefix&gt;_…</c>) that it is looked up by.</param>
/// <param name="Scopes">The scopes it was given (<see cref="ApiScopes"/>).</param>
/// <param name="Collections">The collections it is limited to, or null for every collection.</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="RevokedAt">When it was revoked, or null while it is valid.</param>
public sealed record ApiKey(
    long Id, string Name, string Prefix, IReadOnlyList<string> Scopes, IReadOnlyList<string>? Collections,
    DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    /// <summary>Whether the key has been revoked.</summary>
    public bool IsRevoked => RevokedAt is not null;

    /// <summary>Whether the key's scopes grant <paramref name="scope"/> (admin implies write implies read).</summary>
    public bool Grants(string scope) => ApiScopes.Grants(Scopes, scope);

    /// <summary>Whether the key may reach collection <paramref name="collection"/> (names compare exactly, as collections do).</summary>
    public bool AllowsCollection(string collection) => Collections is null || Collections.Contains(collection, StringComparer.Ordinal);
}
