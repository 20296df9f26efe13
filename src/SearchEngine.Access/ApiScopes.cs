namespace SearchEngine.Access;

/// <summary>
/// The scopes a key may hold, which are also the names of the API's authorization policies (so an endpoint says
/// <c>.RequireAuthorization(ApiScopes.Write)</c>). They are ordered: admin implies write, and write implies read.
/// </summary>
public static class ApiScopes
{
    /// <summary>Search and read collections, documents and media.</summary>
    public const string Read = "read";

    /// <summary>Change collections and their documents; implies <see cref="Read"/>.</summary>
    public const string Write = "write";

    /// <summary>Manage keys; implies <see cref="Write"/> and <see cref="Read"/>.</summary>
    public const string Admin = "admin";

    /// <summary>Every scope, weakest first.</summary>
    public static IReadOnlyList<string> All { get; } = [Read, Write, Admin];

    /// <summary>Whether <paramref name="scope"/> is one of <see cref="All"/> (exactly, in lower case).</summary>
    public static bool IsKnown(string scope) => Rank(scope) >= 0;

    /// <summary>Whether holding <paramref name="held"/> grants <paramref name="required"/>.</summary>
    public static bool Grants(IEnumerable<string> held, string required)
    {
        ArgumentNullException.ThrowIfNull(held);
        var needed = Rank(required);
        return needed >= 0 && held.Any(scope => Rank(scope) >= needed);
    }

    private static int Rank(string scope) => scope switch
    {
        Read => 0,
        Write => 1,
        Admin => 2,
        _ => -1,
    };
}
