using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SearchEngine.QueryApi.Tests.Access;

/// <summary>Who may read, with anonymous read off: keys in either header, and 401 naming what was wrong with the rest.</summary>
public sealed class KeyAuthenticationTests(AccessSite site) : IClassFixture<AccessSite>
{
    [Theory]
    [InlineData("/api/collections")]
    [InlineData("/api/search?collection=alpha&q=dog")]
    [InlineData("/api/documents/1")]
    [InlineData("/api/documents/1/media")]
    public async Task Without_a_key_the_read_endpoints_answer_401_with_a_bearer_challenge_and_a_problem(string path)
    {
        using var response = await site.Client.SendAsync(Requests.Get(path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.DoesNotContain("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        var problem = await Requests.ProblemAsync(response);
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Equal("API key required", problem.GetProperty("title").GetString());
        Assert.Contains("scope 'read'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_read_key_reads_whether_sent_as_bearer_or_as_x_api_key(bool asHeader)
    {
        var key = await site.KeyAsync("read");

        using var response = await site.Client.SendAsync(Requests.Get("/api/collections", key, asHeader));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var names = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(c => c.GetProperty("name").GetString());
        Assert.Equal([AccessSite.Alpha, AccessSite.Beta], names);
    }

    [Fact]
    public async Task A_malformed_an_unknown_and_a_wrong_secret_key_are_each_refused_401_invalid_token()
    {
        var key = await site.KeyAsync("read");
        var wrongSecret = key[..^4] + (key.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        var unknownPrefix = "se_zzzzzzzzzzzz" + key[15..];

        foreach (var (presented, detail) in new[] { ("not-a-key", "form of a key"), (wrongSecret, "not valid"), (unknownPrefix, "not valid") })
        {
            using var response = await site.Client.SendAsync(Requests.Get("/api/collections", presented));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            var problem = await Requests.ProblemAsync(response);
            Assert.Equal("Invalid API key", problem.GetProperty("title").GetString());
            Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using var basic = new HttpRequestMessage(HttpMethod.Get, "/api/collections");
        basic.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", "dXNlcjpwYXNz");
        using var refused = await site.Client.SendAsync(basic);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("Bearer <key>", (await Requests.ProblemAsync(refused)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_readiness_the_page_and_the_openapi_document_stay_open_without_a_key()
    {
        foreach (var path in new[] { "/health", "/", "/openapi/v1.json" })
        {
            using var response = await site.Client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
        }

        using var ready = await site.Client.GetAsync(new Uri("/ready", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.Unauthorized, ready.StatusCode);
    }

    [Fact]
    public async Task A_key_revoked_through_the_api_is_refused_at_once_naming_the_revocation()
    {
        var admin = await site.KeyAsync("admin");
        using var create = Requests.With(new HttpRequestMessage(HttpMethod.Post, "/api/keys") { Content = JsonContent.Create(new { name = "short-lived", scopes = new[] { "read" } }) }, admin);
        using var created = await site.Client.SendAsync(create);
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var key = body.GetProperty("key").GetString();
        var id = body.GetProperty("id").GetInt64();
        using (var before = await site.Client.SendAsync(Requests.Get("/api/collections", key)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var revoke = await site.Client.SendAsync(Requests.With(new HttpRequestMessage(HttpMethod.Delete, $"/api/keys/{id}"), admin));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);

        using var after = await site.Client.SendAsync(Requests.Get("/api/collections", key));
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("revoked", (await Requests.ProblemAsync(after)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_revoked_elsewhere_stops_working_within_the_cache_window()
    {
        await using var other = site.Variant(("Access:VerificationCacheDuration", "00:00:01"));
        using var client = other.CreateClient();
        var created = await site.Keys.CreateAsync("revoked elsewhere", ["read"], null);
        using (var before = await client.SendAsync(Requests.Get("/api/collections", created.Token)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        // Revoked in the database by another process (the CLI, another API): this one remembers the key a second at most.
        await site.Keys.RevokeAsync(created.Key.Id);
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        using var after = await client.SendAsync(Requests.Get("/api/collections", created.Token));
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }
}
