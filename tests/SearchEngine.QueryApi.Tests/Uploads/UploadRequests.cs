using System.Net.Http.Headers;
using System.Text.Json;
using SearchEngine.QueryApi.Tests.Access;

namespace SearchEngine.QueryApi.Tests.Uploads;

/// <summary>Upload requests as a client library makes them, and what their answers hold.</summary>
internal static class UploadRequests
{
    public static HttpRequestMessage Files(string collection, string? key, IEnumerable<(string Name, byte[] Bytes)> files, string? documents = null, string? idempotencyKey = null)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "file", name);
        }

        if (documents is not null)
        {
            form.Add(new StringContent(documents), "documents");
        }

        return With(new HttpRequestMessage(HttpMethod.Post, $"/api/collections/{collection}/documents") { Content = form }, key, idempotencyKey);
    }

    public static HttpRequestMessage Json(string collection, string? key, object body, string? idempotencyKey = null) =>
        With(new HttpRequestMessage(HttpMethod.Post, $"/api/collections/{collection}/documents") { Content = System.Net.Http.Json.JsonContent.Create(body) }, key, idempotencyKey);

    public static async Task<JsonElement> BodyAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>The documents array of an answer.</summary>
    public static async Task<JsonElement[]> DocumentsAsync(HttpResponseMessage response) =>
        [.. (await BodyAsync(response)).GetProperty("documents").EnumerateArray()];

    /// <summary>The ids of the hits of a search by the picture <paramref name="jpeg"/>, best first.</summary>
    public static async Task<long[]> SearchByImageAsync(HttpClient client, string key, string collection, byte[] jpeg, int k = 3)
    {
        using var form = new MultipartFormDataContent { { new StringContent(collection), "collection" }, { new StringContent(k.ToString(System.Globalization.CultureInfo.InvariantCulture)), "k" } };
        var part = new ByteArrayContent(jpeg);
        part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(part, "file", "query.jpg");
        using var response = await client.SendAsync(Requests.With(new HttpRequestMessage(HttpMethod.Post, "/api/search") { Content = form }, key));
        response.EnsureSuccessStatusCode();
        return [.. (await BodyAsync(response)).GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetInt64())];
    }

    private static HttpRequestMessage With(HttpRequestMessage request, string? key, string? idempotencyKey)
    {
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return Requests.With(request, key);
    }
}
