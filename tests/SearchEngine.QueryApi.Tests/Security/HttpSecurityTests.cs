using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace SearchEngine.QueryApi.Tests.Security;

/// <summary>
/// What protects the service and its page at the HTTP level: security headers on every kind of response, a
/// Content-Security-Policy the page can live with, Host filtering, and per-client rate limits with a tighter budget for
/// uploads.
/// </summary>
public sealed partial class HttpSecurityTests(SearchSite site) : IClassFixture<SearchSite>
{
    private const string C = SearchSite.Collection;

    public static TheoryData<string, HttpStatusCode> EveryKindOfResponse() => new()
    {
        { "/", HttpStatusCode.OK },                                   // the page
        { "/css/base.css", HttpStatusCode.OK },                       // a static file
        { "/api/collections", HttpStatusCode.OK },                    // API JSON
        { $"/api/search?collection={C}&q=dog", HttpStatusCode.OK },   // a search
        { $"/api/search?collection={C}&q=dog&k=ten", HttpStatusCode.BadRequest }, // a problem from the exception handler
        { "/api/nope", HttpStatusCode.NotFound },                     // a problem from the status-code pages
        { "/health", HttpStatusCode.OK },
    };

    [Theory]
    [MemberData(nameof(EveryKindOfResponse))]
    public async Task Every_response_carries_the_security_headers(string path, HttpStatusCode status)
    {
        using var response = await site.Client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        var policy = Header(response, "Content-Security-Policy");
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_has_no_inline_script_or_style_element_the_policy_would_block()
    {
        var root = SearchEngine.Testing.Sites.QueryApiFactory.WebRoot;
        var html = File.ReadAllText(Path.Combine(root, "index.html"));
        foreach (Match script in ScriptTag().Matches(html))
        {
            Assert.Contains("src=", script.Value, StringComparison.Ordinal); // script-src 'self' runs only files
        }

        Assert.DoesNotMatch(StyleElement(), html);   // style-src 'self' takes only style sheets (attributes are allowed)
        Assert.DoesNotMatch(EventHandlerAttribute(), html);
        foreach (var script in Directory.EnumerateFiles(Path.Combine(root, "js"), "*.js", SearchOption.AllDirectories))
        {
            var code = File.ReadAllText(script);
            Assert.DoesNotContain("eval(", code, StringComparison.Ordinal);
            Assert.DoesNotContain("new Function(", code, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    public async Task Loopback_hosts_are_served(string host)
    {
        using var response = await site.Client.GetAsync(new Uri($"http://{host}/api/collections"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("localhost.evil.example")]
    [InlineData("10.0.0.1")]
    public async Task A_forged_host_is_400_problem_details_naming_the_host(string host)
    {
        using var response = await site.Client.GetAsync(new Uri($"http://{host}/api/collections"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("Host", problem.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        Assert.Contains(host, problem.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/ready")]
    public async Task Health_probes_answer_whatever_the_host_since_orchestrators_probe_by_address(string path)
    {
        using var probe = await site.Client.GetAsync(new Uri($"http://10.1.2.3{path}"));
        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        using var api = await site.Client.GetAsync(new Uri("http://10.1.2.3/api/collections"));
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
    }

    [Fact]
    public async Task A_configured_host_name_is_served_and_others_are_not()
    {
        await using var api = site.Variant(("AllowedHosts", "localhost;127.0.0.1;[::1];search.example.org"));
        using var client = api.CreateClient();
        using var named = await client.GetAsync(new Uri("http://search.example.org/api/collections"));
        using var other = await client.GetAsync(new Uri("http://search.example.com/api/collections"));
        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
    }

    [Fact]
    public async Task Past_the_rate_limit_a_client_gets_429_with_retry_after_and_probes_still_answer()
    {
        await using var api = site.Variant(("QueryApi:RateLimits:RequestsPerWindow", "3"), ("QueryApi:RateLimits:UploadsPerWindow", "1"), ("QueryApi:RateLimits:Window", "00:10:00"));
        using var client = api.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await client.GetAsync(new Uri("/api/collections", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await client.GetAsync(new Uri("/api/collections", UriKind.Relative));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = int.Parse(Header(refused, "Retry-After"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 600);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Contains("RequestsPerWindow", problem.GetProperty("detail").GetString()!, StringComparison.Ordinal);

        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var page = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var document = await client.GetAsync(new Uri("/api/documents/987654321/thumbnail", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, document.StatusCode); // answered, not refused: browsing results is not limited
    }

    [Fact]
    public async Task Uploads_have_a_tighter_budget_of_their_own()
    {
        await using var api = site.Variant(("QueryApi:RateLimits:RequestsPerWindow", "50"), ("QueryApi:RateLimits:UploadsPerWindow", "1"), ("QueryApi:RateLimits:Window", "00:10:00"));
        using var client = api.CreateClient();
        var image = site.Corpus.PathOf(SampleCorpus.DogImage);
        var fields = new Dictionary<string, string> { ["collection"] = C };
        await client.UploadAsync(image, fields, HttpStatusCode.OK);
        var refused = await client.UploadAsync(image, fields, HttpStatusCode.TooManyRequests);
        Assert.Contains("UploadsPerWindow", refused.GetProperty("detail").GetString()!, StringComparison.Ordinal);

        // Text searches still have their own budget left.
        using var search = await client.GetAsync(new Uri($"/api/search?collection={C}&q=dog", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
    }

    [Fact]
    public async Task One_client_past_its_limit_does_not_limit_another()
    {
        await using var api = site.Variant(("QueryApi:RateLimits:RequestsPerWindow", "2"), ("QueryApi:RateLimits:Window", "00:10:00"));
        _ = api.Server; // starts the in-memory server
        async Task<int> FromAsync(string address)
        {
            var context = await api.Server.SendAsync(c =>
            {
                c.Request.Method = HttpMethods.Get;
                c.Request.Path = "/api/collections";
                c.Request.Host = new HostString("localhost");
                c.Connection.RemoteIpAddress = IPAddress.Parse(address);
            });
            return context.Response.StatusCode;
        }

        Assert.Equal(200, await FromAsync("192.0.2.1"));
        Assert.Equal(200, await FromAsync("192.0.2.1"));
        Assert.Equal(429, await FromAsync("192.0.2.1"));
        Assert.Equal(200, await FromAsync("192.0.2.2"));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : throw new Xunit.Sdk.XunitException($"{(int)response.StatusCode} {response.RequestMessage?.RequestUri} has no {name} header");

    [GeneratedRegex("<script\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex("<style\\b", RegexOptions.IgnoreCase)]
    private static partial Regex StyleElement();

    [GeneratedRegex("\\son[a-z]+\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();
}
