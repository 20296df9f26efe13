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
            ("k=%00", "k"), ("k=%20%201%202", "k"), ("k=0x10", "k"), ("ef=10001", "ef"), ("ef=-5", "ef"), ("ef=1.5", "ef"),
            ("diversity=NaN", "diversity"), ("diversity=abc", "diversity"), ("diversity=1e400", "diversity"), ("rerank=2", "rerank"),
            ("min_relevance=-0.1", "min_relevance"), ("min_relevance=high", "min_relevance"), ("modality=%F0%9F%92%A5", "modality"),
            ("modality=image,audio", "modality"), ("filter=%7B", "filter"), ("filter=%22%22", "filter"),
        })
        {
            yield return Get("query string", parameter, $"/api/search?collection={C}&q=dog&{parameter}", 400, named);
        }

        yield return Get("query string", "no q", $"/api/search?collection={C}", 400, "q");
        yield return Get("query string", "blank q", $"/api/search?collection={C}&q=%20%20", 400, "q");
        yield return Get("query string", "q over the length limit", $"/api/search?collection={C}&q={new string('a', 2001)}", 400, "q");
        yield return Get("query string", "unknown collection", "/api/search?collection=nope&q=dog", 404, "nope");
        yield return Get("query string", "q of 100 KB", $"/api/search?collection={C}&q={new string('a', 100_000)}", 400, "2000");
        yield return Get("query string", "q of 2001 multi-byte characters", $"/api/search?collection={C}&q={Uri.EscapeDataString(string.Concat(Enumerable.Repeat("é", 2001)))}", 400, "2000");
        yield return Get("query string", "k given twice", $"/api/search?collection={C}&q=dog&k=1&k=2", 400, "k");
        yield return Get("query string", "filter given twice", $"/api/search?collection={C}&q=dog&filter=%7B%7D&filter=%7B%7D", 400, "filter");
        yield return Get("query string", "no collection", "/api/search?q=dog", 400, "collection");
        yield return Get("query string", "an empty collection", "/api/search?collection=&q=dog", 400, "collection");
        yield return Get("query string", "a collection of SQL", $"/api/search?collection={Uri.EscapeDataString("x'; DROP TABLE collections; --")}&q=dog", 404, "DROP TABLE");

        // Routes and methods the API does not have: problem details that say what it does have.
        yield return Get("route", "an unknown API path", "/api/nope", 404, "nothing");
        yield return Get("route", "a path below search", "/api/search/extra", 404, "nothing");
        yield return Get("route", "a probe for PHP", "/wp-login.php", 404, "nothing");
        yield return Get("route", "a path traversal", "/api/../../etc/passwd", 404, "nothing");
        yield return Get("route", "a document id that is not a number", "/api/documents/abc", 404, "nothing");
        yield return Get("route", "a document id past long", "/api/documents/99999999999999999999", 404, "nothing");
        yield return Get("route", "a document that does not exist", "/api/documents/987654321", 404, "987654321");
        yield return Get("route", "a thumbnail of no document", "/api/documents/987654321/thumbnail", 404, "987654321");
        yield return Get("route", "the media of no document", "/api/documents/987654321/media", 404, "987654321");
        foreach (var (method, path) in new[]
        {
            ("DELETE", "/api/search"), ("PUT", "/api/search"), ("PATCH", "/api/search"), ("PUT", "/api/collections"),
            ("DELETE", "/api/collections"), ("PATCH", "/api/documents/1"), ("POST", "/api/documents/1"), ("POST", "/api/documents/1/media"),
            ("PATCH", "/api/collections/sample"), ("PUT", "/api/jobs/1"),
        })
        {
            yield return new BadInputCase("method", $"{method} {path}", client => client.SendAsync(new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative))), 405, method);
        }

        // A Host this service is not (DNS rebinding, cache poisoning): refused before anything else runs.
        foreach (var host in new[] { "evil.example", "localhost.evil.example", "127.0.0.2" })
        {
            yield return new BadInputCase("host", $"Host {host}", client => client.GetAsync(new Uri($"http://{host}/api/collections")), 400, "Host");
        }
    }

    public static BadInputCase Get(string surface, string name, string url, int status, string mustName) =>
        new(surface, name, client => client.GetAsync(new Uri(url, UriKind.Relative)), status, mustName);
}
