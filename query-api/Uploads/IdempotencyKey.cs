using System.Globalization;
using System.Security.Claims;
using SearchEngine.QueryApi.Access;
using SearchEngine.Retrieval.Queries;

namespace SearchEngine.QueryApi.Uploads;

/// <summary>The <c>Idempotency-Key</c> header of a write request, checked, and whose keys it is among.</summary>
internal static class IdempotencyKey
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>The key, or null when none was sent; one that is not 1-255 printable ASCII characters is a 400.</summary>
    public static string? Of(HttpRequest request)
    {
        if (!request.Headers.TryGetValue(Header, out var values))
        {
            return null;
        }

        var key = values.Count == 1 ? values[0] : null;
        if (key is null || key.Length is 0 or > 255 || key.Any(c => c is < ' ' or > '~'))
        {
            throw new QueryException(Header, $"The {Header} header must be one value of 1 to 255 printable ASCII characters (a UUID, say).");
        }

        return key;
    }

    /// <summary>Keys are per API key (or shared by anonymous requests): one client's key never replays another's answer.</summary>
    public static string Principal(ClaimsPrincipal user) =>
        user.KeyId() is { } id ? "key:" + id.ToString(CultureInfo.InvariantCulture) : "anonymous";
}
