using System.Net;

namespace SearchEngine.QueryApi.Tests;

/// <summary>
/// The filter's <c>id</c> field: a search restricted to documents the client chose (the page's map lasso sends the
/// lassoed ids this way) returns only those, by GET and by JSON body, and a list past the filter's bound is a 400.
/// </summary>
public sealed class DocumentIdFilterTests(SearchSite site) : IClassFixture<SearchSite>
{
    private const string C = SearchSite.Collection;

    [Fact]
    public async Task A_search_filtered_to_chosen_document_ids_returns_only_those_documents()
    {
        // Without the filter, "a dog" ranks dog documents of every kind; the chosen ones are three that are not the best.
        var all = await site.Client.GetJsonAsync($"/api/search?collection={C}&q=a dog&k=12");
        var ids = all.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToList();
        Assert.True(ids.Count >= 6, all.ToString());
        var chosen = ids.Skip(3).Take(3).ToList();
        var filter = $$$"""{"id":{"in":[{{{string.Join(',', chosen)}}}]}}""";

        var byGet = await site.Client.GetJsonAsync($"/api/search?collection={C}&q=a dog&k=12&filter={Uri.EscapeDataString(filter)}");
        var byJson = await site.Client.PostJsonAsync(new { collection = C, text = "a dog", k = 12, filter = new { id = new { @in = chosen } } });

        foreach (var response in new[] { byGet, byJson })
        {
            var found = response.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToList();
            Assert.Equal(chosen.Order(), found.Order());
        }
    }

    [Fact]
    public async Task A_document_id_list_longer_than_the_filter_allows_is_refused_naming_the_limit()
    {
        var filter = $$$"""{"id":{"in":[{{{string.Join(',', Enumerable.Range(1, 1001))}}}]}}""";
        using var response = await site.Client.PostAsync(new Uri("/api/search", UriKind.Relative), new StringContent(
            $$"""{"collection":"{{C}}","text":"dog","filter":{{filter}}}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("MaxValuesPerCondition", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_id_that_is_not_a_number_is_refused_naming_the_field()
    {
        var problem = await site.Client.GetJsonAsync(
            $"/api/search?collection={C}&q=dog&filter={Uri.EscapeDataString("""{"id":{"in":["seven"]}}""")}", HttpStatusCode.BadRequest);

        Assert.Contains("'id'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
