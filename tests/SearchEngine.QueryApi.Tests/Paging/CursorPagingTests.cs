using System.Net;
using System.Text.Json;

namespace SearchEngine.QueryApi.Tests.Paging;

/// <summary>
/// Cursor paging over the sample collection (12 documents): following <c>next_cursor</c> walks every result once, in
/// rank order, and ends; a cursor sent with another query, or not issued by the service, is a 400 naming it.
/// </summary>
public sealed class CursorPagingTests(SearchSite site) : IClassFixture<SearchSite>
{
    private const string Query = $"/api/search?collection={SearchSite.Collection}&q=a dog on the grass";

    [Fact]
    public async Task Following_next_cursor_returns_every_document_once_with_ranks_that_go_on_and_then_ends()
    {
        var pages = new List<JsonElement>();
        var page = await site.Client.GetJsonAsync($"{Query}&k=5");
        pages.Add(page);
        while (page.GetProperty("next_cursor").GetString() is { } cursor)
        {
            Assert.True(pages.Count < 10, "paging did not end");
            page = await site.Client.GetJsonAsync($"{Query}&k=5&cursor={Uri.EscapeDataString(cursor)}");
            pages.Add(page);
        }

        var results = pages.SelectMany(p => p.GetProperty("results").EnumerateArray()).ToList();
        var ids = results.Select(r => r.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, ids.Count), results.Select(r => r.GetProperty("rank").GetInt32()));

        // The pages hold exactly what one deep query finds: nothing skipped, nothing added.
        var whole = await site.Client.GetJsonAsync($"{Query}&k=50");
        Assert.Equal(whole.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).Order(), ids.Order());
        Assert.Equal(12, ids.Count);
        Assert.Equal([5, 5, 2], pages.Select(p => p.GetProperty("results").GetArrayLength()));
        Assert.Equal(JsonValueKind.Null, whole.GetProperty("next_cursor").ValueKind);
    }

    [Fact]
    public async Task A_cursor_used_twice_gives_the_same_page()
    {
        var first = await site.Client.GetJsonAsync($"{Query}&k=4");
        var cursor = Uri.EscapeDataString(first.GetProperty("next_cursor").GetString()!);
        var second = await site.Client.GetJsonAsync($"{Query}&k=4&cursor={cursor}");
        _ = await site.Client.GetJsonAsync($"{Query}&k=4&cursor={Uri.EscapeDataString(second.GetProperty("next_cursor").GetString()!)}");
        var again = await site.Client.GetJsonAsync($"{Query}&k=4&cursor={cursor}");

        Assert.Equal(Ids(second), Ids(again));
        Assert.Empty(Ids(first).Intersect(Ids(second)));
    }

    [Fact]
    public async Task A_cursor_pages_a_more_like_this_query_sent_as_json()
    {
        var seed = await site.Client.GetJsonAsync($"/api/search?collection={SearchSite.Collection}&q=a dog&modality=image&k=1");
        var id = seed.GetProperty("results")[0].GetProperty("id").GetInt64();
        var first = await site.Client.PostJsonAsync(new { collection = SearchSite.Collection, documentId = id, k = 3 });
        var second = await site.Client.PostJsonAsync(new { collection = SearchSite.Collection, documentId = id, k = 3, cursor = first.GetProperty("next_cursor").GetString() });

        Assert.Equal(3, second.GetProperty("results").GetArrayLength());
        Assert.Empty(Ids(first).Intersect(Ids(second)));
        Assert.Equal(4, second.GetProperty("results")[0].GetProperty("rank").GetInt32());
    }

    [Theory]
    [InlineData("&q=a siren&k=5")]
    [InlineData("&q=a dog on the grass&k=6")]
    [InlineData("&q=a dog on the grass&k=5&modality=image")]
    public async Task A_cursor_sent_with_another_query_is_a_400_naming_the_cursor(string other)
    {
        var first = await site.Client.GetJsonAsync($"{Query}&k=5");
        var cursor = Uri.EscapeDataString(first.GetProperty("next_cursor").GetString()!);

        var problem = await site.Client.GetJsonAsync($"/api/search?collection={SearchSite.Collection}{other}&cursor={cursor}", HttpStatusCode.BadRequest);

        Assert.Equal("cursor", problem.GetProperty("parameter").GetString());
        Assert.Contains("another query", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-cursor")]
    [InlineData("AAAA")]
    [InlineData("%00%01")]
    public async Task A_cursor_the_service_did_not_issue_is_a_400(string cursor)
    {
        var problem = await site.Client.GetJsonAsync($"{Query}&k=5&cursor={cursor}", HttpStatusCode.BadRequest);
        Assert.Equal("cursor", problem.GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task A_query_cannot_be_paged_past_the_depth_limit()
    {
        // The limit (1000) over k = 100 ends the cursors at the tenth page; the sample has 12 documents, so ask the
        // limit of a narrower service instead.
        using var shallow = site.Variant(("Retrieval:MaxPagingDepth", "8"));
        using var client = shallow.CreateClient();
        var first = await client.GetJsonAsync($"{Query}&k=4");
        var second = await client.GetJsonAsync($"{Query}&k=4&cursor={Uri.EscapeDataString(first.GetProperty("next_cursor").GetString()!)}");
        Assert.Equal(4, second.GetProperty("results").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next_cursor").ValueKind);
    }

    [Fact]
    public async Task Past_the_number_of_queries_it_remembers_the_least_recently_paged_cursor_expires()
    {
        using var small = site.Variant(("QueryApi:Cursors:MaxQueries", "1"));
        using var client = small.CreateClient();
        var dogs = await client.GetJsonAsync($"{Query}&k=4");
        _ = await client.GetJsonAsync($"/api/search?collection={SearchSite.Collection}&q=a siren&k=4");

        var problem = await client.GetJsonAsync($"{Query}&k=4&cursor={Uri.EscapeDataString(dogs.GetProperty("next_cursor").GetString()!)}", HttpStatusCode.BadRequest);

        Assert.Equal("cursor", problem.GetProperty("parameter").GetString());
        Assert.Contains("expired", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_cursor_the_crop_and_the_moments()
    {
        var schemas = (await site.Client.GetJsonAsync("/openapi/v1.json")).GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("SearchResponse").GetProperty("properties").TryGetProperty("next_cursor", out _));
        Assert.True(schemas.GetProperty("SearchResultItem").GetProperty("properties").TryGetProperty("moments", out _));
        var body = schemas.GetProperty("SearchRequestBody").GetProperty("properties");
        Assert.True(body.TryGetProperty("cursor", out _), body.ToString());
        Assert.True(body.TryGetProperty("crop", out _), body.ToString());
        var search = (await site.Client.GetJsonAsync("/openapi/v1.json")).GetProperty("paths").EnumerateObject().First(p => p.Name.TrimEnd('/') == "/api/search").Value;
        Assert.Contains(search.GetProperty("get").GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "cursor");
    }

    private static List<long> Ids(JsonElement page) => page.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToList();
}
