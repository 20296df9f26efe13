namespace SearchEngine.Storage.Collections;

/// <summary>
/// The names a collection may be created with over HTTP: 1 to 64 characters of <c>a-z</c>, <c>0-9</c>, <c>_</c> and
/// <c>-</c>, starting with a letter or digit. They appear in URLs, index file names and key scopes unescaped, so none
/// needs quoting anywhere. (The indexer accepts any non-empty name, so older collections may have other names.)
/// </summary>
public static class CollectionNames
{
    /// <summary>The longest name.</summary>
    public const int MaxLength = 64;

    /// <summary>The rule in words, for error messages.</summary>
    public const string Rule = "1 to 64 characters of a-z, 0-9, '_' and '-', starting with a letter or digit";

    /// <summary>Whether <paramref name="name"/> follows the rule.</summary>
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength || !IsLowerLetterOrDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!IsLowerLetterOrDigit(c) && c is not '_' and not '-')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLowerLetterOrDigit(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
}
