namespace SearchEngine.QueryApi.Tests.BadInput;

/// <summary>Malformed and hostile query-string parameters of GET /api/search.</summary>
internal static class QueryStringCases
{
    private const string C = SearchSite.Collection;

    public static IEnumerable<BadInputCase> Create(SearchSite site)
    {
        _ = site;
        foreach (var (parameter, named) in new[]
        {
            ("k=0", "k"), ("k=1000", "k"), ("k=ten", "k"), ("k=-1", "k"), ("k=99999999999999999999", "k"), ("k=1e3", "k"),
            ("modality=smell", "modality"), ("diversity=2", "diversity"), ("diversity=-1", "diversity"), ("rerank=maybe", "rerank"),
            ("ef=0", "ef"), ("ef=abc", "ef"),
            ("min_relevance=1.5", "min_relevance"), ("min_relevance=NaN", "min_relevance"), ("min_relevance=Infinity", "min_relevance"),
            ("filter={oops", "filter"), ("filter=[]", "filter"), ("filter=null", "filter"), ("filter={\"width\":{\"near\":3}}", "near"),
        })
        {
            yield return Get("query string", parameter, $"/api/search?collection={C}&q=dog&{parameter}", 400, named);
        }

        yield return Get("query string", "no q", $"/api/search?collection={C}", 400, "q");
        yield return Get("query string", "blank q", $"/api/search?collection={C}&q=%20%20", 400, "q");
        yield return Get("query string", "q over the length limit", $"/api/search?collection={C}&q={new string('a', 2001)}", 400, "q");
        yield return Get("query string", "unknown collection", "/api/search?collection=nope&q=dog", 404, "nope");
    }

    public static BadInputCase Get(string surface, string name, string url, int status, string mustName) =>
        new(surface, name, client => client.GetAsync(new Uri(url, UriKind.Relative)), status, mustName);
}
