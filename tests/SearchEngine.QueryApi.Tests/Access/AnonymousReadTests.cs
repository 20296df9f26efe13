using System.Net;
using SearchEngine.QueryApi.Access;

namespace SearchEngine.QueryApi.Tests.Access;

/// <summary>Access:AnonymousRead unset: anonymous read only when every listen address is loopback (command 1 stays key-free).</summary>
public sealed class AnonymousReadTests(AccessSite site) : IClassFixture<AccessSite>
{
    [Fact]
    public async Task Unset_on_a_real_loopback_listener_reads_without_a_key_but_key_management_still_needs_one()
    {
        await using var api = site.Variant(("Access:AnonymousRead", null));
        var address = api.StartOnLoopback();
        using var client = new HttpClient { BaseAddress = address };

        using var reading = await client.GetAsync(new Uri("api/collections", UriKind.Relative));
        using var managing = await client.GetAsync(new Uri("api/keys", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, reading.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, managing.StatusCode);
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080", HttpStatusCode.Unauthorized)]
    [InlineData("http://127.0.0.1:8080;http://*:8081", HttpStatusCode.Unauthorized)]
    [InlineData("http://search.example.com:8080", HttpStatusCode.Unauthorized)]
    [InlineData("http://127.0.0.1:8080;http://[::1]:8080;http://localhost:8081", HttpStatusCode.OK)]
    public async Task Unset_follows_the_configured_urls(string urls, HttpStatusCode anonymous)
    {
        await using var api = site.Variant(("Access:AnonymousRead", null), ("urls", urls));
        using var client = api.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/collections", UriKind.Relative));

        Assert.Equal(anonymous, response.StatusCode);
    }

    [Fact]
    public async Task Set_true_reads_anonymously_anywhere_but_a_refused_key_is_still_401_not_anonymous()
    {
        await using var api = site.Variant(("Access:AnonymousRead", "true"), ("urls", "http://0.0.0.0:8080"));
        using var client = api.CreateClient();
        var created = await site.Keys.CreateAsync("revoked", ["read"], null);
        await site.Keys.RevokeAsync(created.Key.Id);

        using var anonymous = await client.GetAsync(new Uri("/api/collections", UriKind.Relative));
        using var revoked = await client.SendAsync(Requests.Get("/api/collections", created.Token));

        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080", true)]
    [InlineData("https://[::1]:443", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://127.8.9.10:80", true)]
    [InlineData("http://0.0.0.0:8080", false)]
    [InlineData("http://[::]:8080", false)]
    [InlineData("http://*:8080", false)]
    [InlineData("http://+:8080", false)]
    [InlineData("http://192.168.1.4:8080", false)]
    [InlineData("http://localhost.example.com:8080", false)]
    [InlineData("http://unix:/run/searchengine.sock", false)]
    [InlineData("not a url", false)]
    public void Loopback_means_a_loopback_ip_or_localhost_and_nothing_else(string address, bool loopback) =>
        Assert.Equal(loopback, AnonymousRead.IsLoopback(address));
}
