using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SearchEngine.QueryApi.Tests.Access;

/// <summary>403 for keys that are valid but lack the scope or the collection; admin implies write implies read.</summary>
public sealed class ScopeAndCollectionTests(AccessSite site) : IClassFixture<AccessSite>
{
    [Fact]
    public async Task A_key_limited_to_alpha_is_refused_403_on_beta_by_query_by_json_body_and_by_form_and_sees_only_alpha()
    {
        var key = await site.KeyAsync("read", AccessSite.Alpha);

        using var byQuery = await site.Client.SendAsync(Requests.Get("/api/search?collection=beta&q=dog", key));
        Assert.Equal(HttpStatusCode.Forbidden, byQuery.StatusCode);
        var problem = await Requests.ProblemAsync(byQuery);
        Assert.Equal("Not allowed for this API key", problem.GetProperty("title").GetString());
        Assert.Contains("limited to the collection 'alpha'; it may not reach 'beta'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var byBody = await site.Client.SendAsync(Requests.With(
            new HttpRequestMessage(HttpMethod.Post, "/api/search") { Content = JsonContent.Create(new { collection = "beta", text = "dog" }) }, key));
        Assert.Equal(HttpStatusCode.Forbidden, byBody.StatusCode);
        Assert.Equal("collection", (await Requests.ProblemAsync(byBody)).GetProperty("parameter").GetString());

        using var form = new MultipartFormDataContent { { new StringContent("beta"), "collection" }, { new StringContent("dog"), "q" } };
        using var byForm = await site.Client.SendAsync(Requests.With(new HttpRequestMessage(HttpMethod.Post, "/api/search") { Content = form }, key));
        Assert.Equal(HttpStatusCode.Forbidden, byForm.StatusCode);

        // On alpha the request passes authorization and reaches the endpoint, which finds the missing q.
        using var allowed = await site.Client.SendAsync(Requests.Get("/api/search?collection=alpha", key));
        Assert.Equal(HttpStatusCode.BadRequest, allowed.StatusCode);
        Assert.Equal("q", (await Requests.ProblemAsync(allowed)).GetProperty("parameter").GetString());

        using var list = await site.Client.SendAsync(Requests.Get("/api/collections", key));
        var names = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(c => c.GetProperty("name").GetString());
        Assert.Equal([AccessSite.Alpha], names);
    }

    [Fact]
    public async Task A_document_of_a_collection_the_key_cannot_reach_is_answered_as_if_it_did_not_exist()
    {
        var alphaKey = await site.KeyAsync("read", AccessSite.Alpha);
        var anyKey = await site.KeyAsync("read");

        using var hidden = await site.Client.SendAsync(Requests.Get($"/api/documents/{site.BetaDocumentId}", alphaKey));
        using var unused = await site.Client.SendAsync(Requests.Get("/api/documents/999999999", alphaKey));
        using var seen = await site.Client.SendAsync(Requests.Get($"/api/documents/{site.BetaDocumentId}", anyKey));

        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unused.StatusCode);
        Assert.Equal(
            (await Requests.ProblemAsync(unused)).GetProperty("title").GetString(),
            (await Requests.ProblemAsync(hidden)).GetProperty("title").GetString());
        Assert.Equal($"There is no document {site.BetaDocumentId}.", (await Requests.ProblemAsync(hidden)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
    }

    [Theory]
    [InlineData("read", HttpStatusCode.OK, HttpStatusCode.Forbidden)]
    [InlineData("write", HttpStatusCode.OK, HttpStatusCode.Forbidden)]
    [InlineData("admin", HttpStatusCode.OK, HttpStatusCode.OK)]
    public async Task Key_management_needs_admin_and_every_scope_may_read(string scope, HttpStatusCode read, HttpStatusCode manage)
    {
        var key = await site.KeyAsync(scope);

        using var reading = await site.Client.SendAsync(Requests.Get("/api/collections", key));
        using var listing = await site.Client.SendAsync(Requests.Get("/api/keys", key));

        Assert.Equal(read, reading.StatusCode);
        Assert.Equal(manage, listing.StatusCode);
        if (manage == HttpStatusCode.Forbidden)
        {
            var problem = await Requests.ProblemAsync(listing);
            Assert.Contains($"scope {scope}; this request needs 'admin'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Without_a_key_key_management_is_401_even_where_anonymous_read_is_on()
    {
        await using var open = site.Variant(("Access:AnonymousRead", "true"));
        using var client = open.CreateClient();

        using var reading = await client.GetAsync(new Uri("/api/collections", UriKind.Relative));
        using var listing = await client.GetAsync(new Uri("/api/keys", UriKind.Relative));
        using var creating = await client.PostAsJsonAsync("/api/keys", new { name = "x", scopes = new[] { "admin" } });

        Assert.Equal(HttpStatusCode.OK, reading.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, listing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, creating.StatusCode);
        Assert.Contains("scope 'admin'", (await Requests.ProblemAsync(listing)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_makes_a_key_shown_once_lists_keys_without_secrets_and_revokes_it()
    {
        var admin = await site.KeyAsync("admin");
        using var create = Requests.With(new HttpRequestMessage(HttpMethod.Post, "/api/keys")
        {
            Content = JsonContent.Create(new { name = "uploader", scopes = new[] { "write" }, collections = new[] { "alpha" } }),
        }, admin);

        using var created = await site.Client.SendAsync(create);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var id = body.GetProperty("id").GetInt64();
        var key = body.GetProperty("key").GetString()!;
        Assert.Equal($"/api/keys/{id}", created.Headers.Location?.ToString());
        Assert.StartsWith("se_" + body.GetProperty("prefix").GetString() + "_", key, StringComparison.Ordinal);
        Assert.Equal(["alpha"], body.GetProperty("collections").EnumerateArray().Select(c => c.GetString()));

        using var list = await site.Client.SendAsync(Requests.Get("/api/keys", admin));
        var listed = await list.Content.ReadAsStringAsync();
        Assert.DoesNotContain(key[16..], listed, StringComparison.Ordinal);
        var record = JsonDocument.Parse(listed).RootElement.EnumerateArray().Single(k => k.GetProperty("id").GetInt64() == id);
        Assert.Equal(["id", "name", "prefix", "scopes", "collections", "created_at", "revoked_at"], record.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, record.GetProperty("revoked_at").ValueKind);

        using var revoked = await site.Client.SendAsync(Requests.With(new HttpRequestMessage(HttpMethod.Delete, $"/api/keys/{id}"), admin));
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.NotEqual(JsonValueKind.Null, JsonDocument.Parse(await revoked.Content.ReadAsStringAsync()).RootElement.GetProperty("revoked_at").ValueKind);
        using var missing = await site.Client.SendAsync(Requests.With(new HttpRequestMessage(HttpMethod.Delete, "/api/keys/987654321"), admin));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_key_asked_for_with_an_unknown_scope_is_a_400_naming_scopes()
    {
        var admin = await site.KeyAsync("admin");

        using var response = await site.Client.SendAsync(Requests.With(new HttpRequestMessage(HttpMethod.Post, "/api/keys")
        {
            Content = JsonContent.Create(new { name = "x", scopes = new[] { "root" } }),
        }, admin));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Requests.ProblemAsync(response);
        Assert.Equal("scopes", problem.GetProperty("parameter").GetString());
        Assert.Contains("'root' is not a scope", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
