using Microsoft.Net.Http.Headers;

namespace SearchEngine.QueryApi.Access;

/// <summary>
/// The key a request carries: <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c>. Only headers:
/// a key in a query string would end up in logs, histories and Referer headers.
/// </summary>
internal static class PresentedKey
{
    /// <summary>The alternative header, for clients that cannot set Authorization.</summary>
    public const string HeaderName = "X-Api-Key";

    private const string BearerPrefix = "Bearer ";

    /// <summary>Whether the request sent credentials of either kind (well-formed or not).</summary>
    public static bool IsPresent(HttpRequest request) =>
        request.Headers.ContainsKey(HeaderNames.Authorization) || request.Headers.ContainsKey(HeaderName);

    /// <summary>The key text, or null with the reason when the headers carry none that can be read.</summary>
    public static (string? Key, string? Problem) Read(HttpRequest request)
    {
        var authorization = request.Headers[HeaderNames.Authorization];
        var header = request.Headers[HeaderName];
        if (authorization.Count + header.Count > 1)
        {
            return (null, $"Send one API key, in either Authorization: Bearer or {HeaderName}, not several.");
        }

        if (header.Count == 1)
        {
            return (header[0]!.Trim(), null);
        }

        var value = authorization[0] ?? "";
        return value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            ? (value[BearerPrefix.Length..].Trim(), null)
            : (null, $"The Authorization header must be 'Bearer <key>' (or send the key as {HeaderName}).");
    }
}
