using System.Net;

namespace SearchEngine.QueryApi.Tests.Access;

/// <summary>Each key has its own rate-limit budget; requests without a key share their address's.</summary>
public sealed class KeyRateLimitTests(AccessSite site) : IClassFixture<AccessSite>
{
    [Fact]
    public async Task One_key_spending_its_budget_leaves_another_key_and_anonymous_requests_from_the_same_address_their_own()
    {
        await using var api = site.Variant(("Access:AnonymousRead", "true"), ("QueryApi:RateLimits:RequestsPerWindow", "2"), ("QueryApi:RateLimits:Window", "00:10:00"));
        using var client = api.CreateClient();
        var first = await site.KeyAsync("read");
        var second = await site.KeyAsync("read");

        var firstKey = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.SendAsync(Requests.Get("/api/collections", first));
            firstKey.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Contains("This API key sent more requests", (await Requests.ProblemAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
            }
        }

        using var secondKey = await client.SendAsync(Requests.Get("/api/collections", second));
        using var anonymous = await client.GetAsync(new Uri("/api/collections", UriKind.Relative));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], firstKey);
        Assert.Equal(HttpStatusCode.OK, secondKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
    }
}
