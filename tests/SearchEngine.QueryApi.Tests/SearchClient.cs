using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace SearchEngine.QueryApi.Tests;

/// <summary>Thin helpers over the HTTP contract, so tests read as the requests a client sends.</summary>
internal static class SearchClient
{
    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url, HttpStatusCodeExpectation expect = default)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        return await ReadAsync(response, expect);
    }

    public static async Task<JsonElement> UploadAsync(this HttpClient client, string path, IDictionary<string, string> fields, HttpStatusCodeExpectation expect = default, string? fileName = null)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(await File.ReadAllBytesAsync(path));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName ?? Path.GetFileName(path));
        using var response = await client.PostAsync(new Uri("/api/search", UriKind.Relative), form);
        return await ReadAsync(response, expect);
    }

    public static async Task<JsonElement> PostJsonAsync(this HttpClient client, object body, HttpStatusCodeExpectation expect = default)
    {
        using var response = await client.PostAsJsonAsync(new Uri("/api/search", UriKind.Relative), body);
        return await ReadAsync(response, expect);
    }

    public static IReadOnlyList<string> ResultFiles(this JsonElement response) =>
        response.GetProperty("results").EnumerateArray().Select(r => Path.GetFileName(r.GetProperty("uri").GetString()!)).ToList();

    public static JsonElement Result(this JsonElement response, string fileName) =>
        response.GetProperty("results").EnumerateArray().First(r => Path.GetFileName(r.GetProperty("uri").GetString()!) == fileName);

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCodeExpectation expect)
    {
        var text = await response.Content.ReadAsStringAsync();
        var expected = expect.Status ?? System.Net.HttpStatusCode.OK;
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

/// <summary>The status a request is expected to answer with (200 when unset).</summary>
internal readonly record struct HttpStatusCodeExpectation(System.Net.HttpStatusCode? Status)
{
    public static implicit operator HttpStatusCodeExpectation(System.Net.HttpStatusCode status) => new(status);
}
