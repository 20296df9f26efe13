using System.Net.Http.Headers;
using System.Text;

namespace SearchEngine.QueryApi.Tests.BadInput;

/// <summary>Malformed and hostile JSON bodies of POST /api/search ("more like this" and text searches by JSON).</summary>
internal static class JsonBodyCases
{
    private const string Surface = "JSON body";
    private const string C = SearchSite.Collection;
    private const string Search = $$"""{"collection":"{{C}}","text":"dog",""";

    public static IEnumerable<BadInputCase> Create()
    {
        // Malformed JSON: the detail names the body and where the JSON broke.
        foreach (var (name, body) in new[]
        {
            ("an open brace only", "{"),
            ("truncated after a value", $$"""{"collection":"{{C}}","text":"dog"""),
            ("truncated inside a string", $$"""{"collection":"{{C}}","text":"do"""),
            ("a trailing comma", $$"""{"collection":"{{C}}","text":"dog",}"""),
            ("single-quoted strings", "{'collection':'sample','text':'dog'}"),
            ("unquoted keys", "{collection:\"sample\",text:\"dog\"}"),
            ("a missing comma", $$"""{"collection":"{{C}}" "text":"dog"}"""),
            ("a second value after the object", $$$"""{"collection":"{{{C}}}","text":"dog"}}"""),
            ("plain words", "search for a dog please"),
            ("a raw control character in a string", "{\"collection\":\"sample\",\"text\":\"do\u0001g\"}"),
            ("a comment", $$"""{"collection":"{{C}}", /* hi */ "text":"dog"}"""),
            ("NaN as a number", $$"""{"collection":"{{C}}","text":"dog","k":NaN}"""),
            ("a hexadecimal number", $$"""{"collection":"{{C}}","text":"dog","k":0x10}"""),
            ("a leading-zero number", $$"""{"collection":"{{C}}","text":"dog","k":007}"""),
        })
        {
            yield return Post(name, body, 400, "JSON");
        }

        yield return Raw("a byte order mark before broken JSON", [0xEF, 0xBB, 0xBF, .. "{\"collection\":"u8], "application/json", 400, "JSON");
        yield return Raw("invalid UTF-8 bytes", [.. "{\"collection\":\"sample\",\"text\":\""u8, 0xFF, 0xFE, 0xC3, .. "\"}"u8], "application/json", 400, "JSON");
        yield return Raw("a UTF-16 body labelled JSON", Encoding.Unicode.GetBytes("{\"collection\":\"sample\",\"text\":\"dog\"}"), "application/json", 400, "JSON");
        yield return Post("an empty body", "", 400, "empty");
        yield return Post("only whitespace", "  \r\n\t ", 400, "empty");
        yield return Post("null", "null", 400, "object");
        yield return Post("an array", "[]", 400, "object");
        yield return Post("an array of objects", $$"""[{"collection":"{{C}}","text":"dog"}]""", 400, "object");
        yield return Post("a string", "\"dog\"", 400, "object");
        yield return Post("a number", "42", 400, "object");
        yield return Post("10,000 levels of arrays", new string('[', 10_000) + new string(']', 10_000), 400, "nested");
        yield return Post("10,000 levels of objects in a field", Search + "\"filter\":" + Nested(10_000) + "}", 400, "nested");
        yield return Post("a duplicate key", $$"""{"collection":"{{C}}","text":"dog","text":"cat"}""", 400, "twice");
        yield return Post("a duplicate key differing in case", $$"""{"collection":"{{C}}","text":"dog","k":1,"K":2}""", 400, "twice");
        yield return Post("an unknown field", $$"""{"collection":"{{C}}","q":"dog"}""", 400, "not a field");
        yield return Post("documentId in snake case", $$"""{"collection":"{{C}}","document_id":1}""", 400, "document_id");
        yield return Post("a control character as a field name", "{\"collection\":\"sample\",\"\\u0000\":1}", 400, "not a field");
        yield return Post("a 10 KB field name", $$"""{"collection":"{{C}}","{{new string('x', 10_000)}}":1}""", 400, "not a field");

        // Every field with a value of the wrong type, or out of range: the detail names the field.
        foreach (var (field, values) in new (string, string[])[]
        {
            ("collection", ["5", "true", "[]", "{}"]),
            ("text", ["5", "[\"dog\"]", "{}", "false"]),
            ("documentId", ["\"abc\"", "1.5", "true", "1e30", "99999999999999999999"]),
            ("modality", ["5", "\"smell\"", "[\"image\"]"]),
            ("k", ["\"ten\"", "1.5", "true", "[]", "1e30", "-1", "0", "1000", "99999999999999999999"]),
            ("filter", ["\"{\\\"width\\\":1}\"", "[]", "5", "true"]),
            ("rerank", ["\"yes\"", "1", "{}"]),
            ("diversity", ["\"high\"", "true", "2", "-1", "1e400"]),
            ("ef", ["\"abc\"", "0", "1e30", "2.5", "10001"]),
            ("min_relevance", ["\"high\"", "2", "-0.1", "true", "1e400"]),
        })
        {
            foreach (var value in values)
            {
                var others = field == "collection" ? """{"text":"dog",""" : field == "text" ? $$"""{"collection":"{{C}}",""" : Search;
                yield return Post($"{field}: {value}", others + $"\"{field}\":{value}}}", 400, field);
            }
        }

        yield return Post("a null collection", """{"collection":null,"text":"dog"}""", 400, "collection");
        yield return Post("no collection", """{"text":"dog"}""", 400, "collection");
        yield return Post("nothing to search by", $$"""{"collection":"{{C}}"}""", 400, "query");
        yield return Post("null text and no document", $$"""{"collection":"{{C}}","text":null,"documentId":null}""", 400, "query");
        yield return Post("text over the length limit", $$"""{"collection":"{{C}}","text":"{{new string('a', 2001)}}"}""", 400, "2000");
        yield return Post("an unknown collection", """{"collection":"nope","text":"dog"}""", 404, "nope");
        yield return Post("a collection name of unicode garbage", "{\"collection\":\"\\u0000\\uFFFF\\uD83D\\uDCA5\",\"text\":\"dog\"}", 400, "collection");
        yield return Post("a 10 KB collection name", $$"""{"collection":"{{new string('c', 10_000)}}","text":"dog"}""", 400, "collection");
        yield return Post("a document that does not exist", $$"""{"collection":"{{C}}","documentId":9223372036854775807}""", 404, "9223372036854775807");
        yield return Post("a negative document id", $$"""{"collection":"{{C}}","documentId":-1}""", 404, "-1");
        yield return Post("modality in both places", Search + "\"modality\":\"image\",\"filter\":{\"modality\":\"audio\"}}", 400, "either");
        yield return Post("a 100 KB body", Search + $"\"filter\":{{\"uri\":\"{new string('x', 100_000)}\"}}}}", 413, "MaxJsonBodyBytes");
        yield return new BadInputCase(Surface, "a 100 KB body without a length", client =>
        {
            var content = new UnknownLengthContent(Encoding.UTF8.GetBytes(Search + $"\"filter\":{{\"uri\":\"{new string('x', 100_000)}\"}}}}"));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return client.PostAsync(new Uri("/api/search", UriKind.Relative), content);
        }, 413, "MaxJsonBodyBytes");

        // The JSON is fine, its label is not.
        yield return Raw("JSON labelled text/plain", Encoding.UTF8.GetBytes(Search + "\"k\":3}"), "text/plain", 415, "Content-Type");
        yield return Raw("JSON labelled application/xml", Encoding.UTF8.GetBytes(Search + "\"k\":3}"), "application/xml", 415, "Content-Type");
        yield return Raw("JSON with no content type", Encoding.UTF8.GetBytes(Search + "\"k\":3}"), null, 415, "Content-Type");
        yield return Raw("JSON labelled with garbage", Encoding.UTF8.GetBytes(Search + "\"k\":3}"), "nonsense/garbage;;;==", 415, "Content-Type");
    }

    public static string Nested(int levels) =>
        new StringBuilder(levels * 6).Insert(0, "{\"a\":", levels).Append('1').Append('}', levels).ToString();

    private static BadInputCase Post(string name, string body, int status, string mustName) =>
        Raw(name, Encoding.UTF8.GetBytes(body), "application/json", status, mustName);

    public static BadInputCase Raw(string name, byte[] body, string? contentType, int status, string mustName) =>
        new(Surface, name, client =>
        {
            var content = new ByteArrayContent(body);
            if (contentType is not null)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }

            return client.PostAsync(new Uri("/api/search", UriKind.Relative), content);
        }, status, mustName);

    /// <summary>A body whose length is not known up front (sent chunked), so only reading it can find it too large.</summary>
    private sealed class UnknownLengthContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
