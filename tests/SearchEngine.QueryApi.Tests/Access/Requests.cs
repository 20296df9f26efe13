using System.Net.Http.Headers;
using System.Text.Json;

namespace SearchEngine.QueryApi.Tests.Access;

/// <summary>Requests with a key in either header, and the problem a refusal carries.</summary>
internal static class Requests
{
    public static HttpRequestMessage Get(string path, string? key = null, bool asHeader = false) => With(new HttpRequestMessage(HttpMethod.Get, path), key, asHeader);

    public static HttpRequestMessage With(HttpRequestMessage request, string? key, bool asHeader = false)
    {
        if (key is not null)
        {
            if (asHeader)
            {
                request.Headers.Add("X-Api-Key", key);
            }
            else
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            }
        }

        return request;
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
