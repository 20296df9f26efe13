namespace SearchEngine.Access;

/// <summary>What a new key is to be: its name, scopes and collections, checked and normalised before anything is stored.</summary>
internal sealed record ApiKeyRequest(string Name, string[] Scopes, string[]? Collections)
{
    private const int MaxNameLength = 200;

    /// <summary>The checked request; each message names the field at fault, for the CLI and the admin endpoint alike.</summary>
    /// <exception cref="InvalidApiKeyRequestException">A field is invalid.</exception>
    public static ApiKeyRequest Validate(string? name, IEnumerable<string>? scopes, IEnumerable<string>? collections)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            throw new InvalidApiKeyRequestException("name", $"name is required: who or what the key is for, up to {MaxNameLength} characters.");
        }

        var scopeList = (scopes ?? []).Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        if (scopeList.Length == 0)
        {
            throw new InvalidApiKeyRequestException("scopes", $"scopes must name one or more of {string.Join(", ", ApiScopes.All)}.");
        }

        if (scopeList.FirstOrDefault(s => !ApiScopes.IsKnown(s)) is { } unknown)
        {
            throw new InvalidApiKeyRequestException("scopes", $"scopes must name one or more of {string.Join(", ", ApiScopes.All)}; '{unknown}' is not a scope.");
        }

        string[]? collectionList = null;
        if (collections is not null)
        {
            collectionList = collections.Select(c => c.Trim()).Distinct(StringComparer.Ordinal).ToArray();
            if (collectionList.Length == 0 || collectionList.Any(c => c.Length == 0))
            {
                throw new InvalidApiKeyRequestException("collections", "collections, when given, must name one or more collections (leave it out for every collection).");
            }
        }

        return new ApiKeyRequest(name, scopeList, collectionList);
    }
}
