using System.Text;

namespace SearchEngine.QueryApi.Tests.BadInput;

/// <summary>
/// Hostile filters, each sent both ways a filter arrives (GET's filter parameter and a JSON body's filter object): caps on
/// size, wrong operators, type mismatches and injection attempts all get a 400 naming the filter's fault.
/// </summary>
internal static class FilterCases
{
    private const string C = SearchSite.Collection;

    public static IEnumerable<BadInputCase> Create()
    {
        foreach (var (name, filter, mustName) in Filters())
        {
            yield return QueryStringCases.Get("filter (GET)", name, $"/api/search?collection={C}&q=dog&filter={Uri.EscapeDataString(filter)}", 400, mustName);
            if (filter.Length < 60_000)
            {
                yield return new BadInputCase("filter (JSON)", name, client =>
                {
                    var body = $$"""{"collection":"{{C}}","text":"dog","filter":{{filter}}}""";
                    return client.PostAsync(new Uri("/api/search", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
                }, 400, JsonName(filter, mustName));
            }
        }

        yield return QueryStringCases.Get("filter (GET)", "modality in both places", $"/api/search?collection={C}&q=dog&modality=image&filter={Uri.EscapeDataString("{\"modality\":\"audio\"}")}", 400, "either");
        yield return QueryStringCases.Get("filter (GET)", "a filter that is JSON text in a string", $"/api/search?collection={C}&q=dog&filter={Uri.EscapeDataString("\"{\\\"width\\\":1}\"")}", 400, "object");
    }

    // The JSON body itself is nested at most 8 deep, so a deep filter inside it is refused as the body's nesting.
    private static string JsonName(string filter, string mustName) => mustName == "MaxNestingDepth" ? "nested" : mustName;

    private static IEnumerable<(string Name, string Filter, string MustName)> Filters()
    {
        yield return ("a metadata path of 1,100 keys", $$"""{"metadata.{{string.Join('.', Enumerable.Repeat("a", 1100))}}":1}""", "MaxPathDepth");
        yield return ("a metadata path of 9 keys", """{"metadata.a.b.c.d.e.f.g.h.i":1}""", "MaxPathDepth");
        yield return ("33 conditions", "{" + string.Join(',', Enumerable.Range(0, 33).Select(i => $"\"metadata.k{i}\":{i}")) + "}", "MaxConditions");
        yield return ("33 range conditions on one field", "{\"width\":{" + string.Join(',', Enumerable.Range(0, 33).Select(i => $"\"gte\":{i}")) + "}}", "twice");
        yield return ("a field given twice", """{"width":1,"width":2}""", "twice");
        yield return ("1,001 values in one list", $$$"""{"metadata.n":{"in":[{{{string.Join(',', Enumerable.Range(0, 1001))}}}]}}""", "MaxValuesPerCondition");
        yield return ("66,000 values: more SQL parameters than PostgreSQL takes", $$$"""{"metadata.n":{"in":[{{{string.Join(',', Enumerable.Range(0, 66_000))}}}]}}""", "MaxValuesPerCondition");
        yield return ("17 lists of 1,000 values: 17,000 parameters", "{" + string.Join(',', Enumerable.Range(0, 17).Select(i => $$"""
            "metadata.k{{i}}":{"in":[{{string.Join(',', Enumerable.Range(0, 1000))}}]}
            """)) + "}", "MaxValues");
        yield return ("10,000 levels of nesting", JsonBodyCases.Nested(10_000), "MaxNestingDepth");
        yield return ("an unknown operator", """{"width":{"near":3}}""", "near");
        yield return ("a Mongo-style operator", """{"width":{"$gt":3}}""", "$gt");
        yield return ("between", """{"width":{"between":[1,2]}}""", "between");
        yield return ("a range on a text field", """{"uri":{"gt":"a"}}""", "does not apply");
        yield return ("equality on a timestamp", """{"created":{"eq":"2024-01-01"}}""", "does not apply");
        yield return ("a word for a number", """{"width":"wide"}""", "expects a number");
        yield return ("a quoted number in a range", """{"width":{"gte":"100"}}""", "expects a number");
        yield return ("a date that is not a date", """{"created":{"gte":"yesterday"}}""", "ISO-8601");
        yield return ("an unknown modality", """{"modality":"smell"}""", "not a modality");
        yield return ("a number for a modality", """{"modality":5}""", "modality");
        yield return ("a number for a text field", """{"uri":5}""", "expects a string");
        yield return ("a boolean range bound on metadata", """{"metadata.rating":{"gt":true}}""", "metadata range");
        yield return ("an empty list", """{"metadata.camera":{"in":[]}}""", "non-empty");
        yield return ("an object in a list", """{"metadata.camera":{"in":[{"a":1}]}}""", "metadata equality");
        yield return ("null as a value", """{"metadata.camera":null}""", "metadata equality");
        yield return ("a list without in", """{"uri":["a.jpg"]}""", "\"in\"");
        yield return ("an empty condition", """{"width":{}}""", "empty condition");
        yield return ("an unknown field", """{"color":"red"}""", "not known");
        yield return ("metadata without a key", """{"metadata.":1}""", "not known");
        yield return ("metadata with an empty key", """{"metadata.a..b":1}""", "not known");
        yield return ("SQL in a field name", """{"uri'; DROP TABLE documents; --":"x"}""", "not known");
        yield return ("SQL in a metadata path with a range", """{"metadata.a'; DROP TABLE documents; --":{"gt":"x"}}""", "metadata range");
        yield return ("SQL in a number", """{"width":{"gte":"1; DROP TABLE documents"}}""", "expects a number");
        yield return ("SQL in a modality", """{"modality":"image' OR '1'='1"}""", "not a modality");
        yield return ("SQL in an operator", """{"width":{"gte); DROP TABLE documents; --":1}}""", "unknown operator");
        yield return ("SQL in a date", """{"created":{"gte":"2024-01-01'; DROP TABLE documents; --"}}""", "ISO-8601");
        yield return ("a number past double's range", """{"width":{"gte":1e400}}""", "double");
        yield return ("a metadata bound past double's range", """{"metadata.rating":{"lt":-1e400}}""", "double");
        yield return ("a date with an offset past year 9999", """{"created":{"lt":"9999-12-31T23:00:00-05:00"}}""", "ISO-8601");
        yield return ("a metadata date before year 1", """{"metadata.shot":{"gte":"0001-01-01T00:00:00+05:00"}}""", "metadata range");
        yield return ("NUL in a text value", """{"uri":"a\u0000b"}""", "NUL");
        yield return ("NUL in a metadata value", """{"metadata.camera":"\u0000"}""", "NUL");
        yield return ("NUL in a metadata list", """{"metadata.camera":{"in":["a","\u0000"]}}""", "NUL");
        yield return ("NUL in a metadata path", """{"metadata.a\u0000b":1}""", "not known");
        yield return ("a 70 KB field name", $$"""{"{{new string('f', 70_000)}}":1}""", "not known");
    }
}
