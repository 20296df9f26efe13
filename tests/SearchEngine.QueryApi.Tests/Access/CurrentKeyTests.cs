using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SearchEngine.QueryApi.Tests.Access;

/// <summary>GET /api/keys/current: a client learns what its own key may do (the page shows its drop zone by it).</summary>
public sealed class CurrentKeyTests(AccessSite site) : IClassFixture<AccessSite>
{
    [Fact]
    public async Task A_key_sees_its_own_scopes_and_collections_and_never_its_secret()
    {
        var key = await site.KeyAsync("read,write", AccessSite.Alpha);

        using var response = await site.Client.SendAsync(Requests.Get("/api/keys/current", key));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("authenticated").GetBoolean());
        Assert.Equal(["read", "write"], body.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal([AccessSite.Alpha], body.GetProperty("collections").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("test read,write", body.GetProperty("name").GetString());
        Assert.DoesNotContain(key.Split('_')[^1], await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_reads_get_no_scopes_where_allowed_and_401_where_not_and_a_revoked_key_401()
    {
        await using var open = site.Variant(("Access:AnonymousRead", "true"));
        using var openClient = open.CreateClient();
        using var anonymous = await openClient.GetAsync(new Uri("/api/keys/current", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        var body = await anonymous.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.GetProperty("authenticated").GetBoolean());
        Assert.Empty(body.GetProperty("scopes").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("collections").ValueKind);

        using var closed = await site.Client.GetAsync(new Uri("/api/keys/current", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, closed.StatusCode);

        var created = await site.Keys.CreateAsync("soon revoked", ["read"], null);
        await site.Keys.RevokeAsync(created.Key.Id);
        using var revoked = await openClient.SendAsync(Requests.Get("/api/keys/current", created.Token));
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
    }
}
