using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SearchEngine.QueryApi.Tests.Access;

namespace SearchEngine.QueryApi.Tests.Writes;

/// <summary>Keyed requests with JSON bodies, and their answers read as JSON.</summary>
internal static class WriteRequests
{
    public static async Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string path, string? key, object? body = null)
    {
        using var request = Requests.With(new HttpRequestMessage(method, path), key);
        if (body is not null)
        {
            request.Content = body is string json ? new StringContent(json, System.Text.Encoding.UTF8, "application/json") : JsonContent.Create(body);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Sends the request, checks the status and returns the body as JSON (an empty object for an empty body).</summary>
    public static async Task<JsonElement> ExpectAsync(this HttpClient client, HttpStatusCode status, HttpMethod method, string path, string? key, object? body = null)
    {
        using var response = await client.SendAsync(method, path, key, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{method} {path}: expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? JsonDocument.Parse("{}").RootElement : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The uris of a text search's hits in the collection.</summary>
    public static async Task<IReadOnlyList<string>> SearchAsync(this HttpClient client, string key, string collection, string text, int k = 3)
    {
        var results = await client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/api/search?collection={collection}&q={Uri.EscapeDataString(text)}&k={k}", key);
        return [.. results.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("uri").GetString()!)];
    }
}
