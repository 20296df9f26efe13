using System.Buffers;
using System.Text.Json;
using SearchEngine.QueryApi.Contracts;
using SearchEngine.Retrieval.Queries;

namespace SearchEngine.QueryApi.Endpoints;

/// <summary>
/// Reads the JSON form of POST /api/search strictly: at most <see cref="QueryApiOptions.MaxJsonBodyBytes"/>, valid JSON
/// (the error gives the position, never the text), one object, each field once, only known fields, each of its type.
/// Every refusal names what is wrong: the body, or the field.
/// </summary>
internal static class SearchRequestJson
{
    // A search body is flat except for its filter, which needs three levels of its own.
    private const int MaxDepth = 8;

    private static readonly string[] Fields = ["collection", "text", "documentId", "modality", "k", "filter", "rerank", "diversity", "ef", "min_relevance", "crop", "cursor"];

    public static async Task<SearchRequestBody> ReadAsync(HttpRequest request, long maxBytes, JsonSerializerOptions serializer, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        var bytes = await ReadAtMostAsync(request.Body, maxBytes, () => TooLarge(maxBytes), cancellationToken);
        var json = bytes.AsMemory();
        if (json.Span.StartsWith("\uFEFF"u8))
        {
            json = json[3..]; // a byte order mark is allowed before UTF-8 JSON (RFC 8259 §8.1 lets parsers ignore it)
        }

        if (json.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw new QueryException("body", "The JSON body is empty; send {\"collection\": …, \"text\" or \"documentId\": …}.");
        }

        if (!System.Text.Unicode.Utf8.IsValid(json.Span))
        {
            throw new QueryException("body", "The body is not valid JSON: it is not UTF-8 text; send UTF-8 JSON.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException e)
        {
            throw new QueryException("body", e.Message.Contains("maximum configured depth", StringComparison.OrdinalIgnoreCase)
                ? $"The JSON body is nested deeper than {MaxDepth} levels; a search body is one object with a filter inside."
                : $"The body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}); send {{\"collection\": …, \"text\" or \"documentId\": …}}.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new QueryException("body", $"The JSON body must be an object like {{\"collection\": …, \"text\": …}}; it was {Describe(root)}.");
            }

            CheckFields(root);
            try
            {
                return root.Deserialize<SearchRequestBody>(serializer)
                    ?? throw new QueryException("body", "The JSON body is null; send {\"collection\": …, \"text\" or \"documentId\": …}.");
            }
            catch (JsonException e)
            {
                throw WrongType(e);
            }
        }
    }

    private static void CheckFields(JsonElement root)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in root.EnumerateObject())
        {
            var name = property.Name.Length <= 40 ? property.Name : property.Name[..40] + "…";
            if (!Fields.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
            {
                throw new QueryException(name, $"'{name}' is not a field of the search body; the fields are {string.Join(", ", Fields)}.");
            }

            if (!seen.Add(property.Name))
            {
                // Parsers disagree on which of two values wins; refusing keeps the meaning unambiguous.
                throw new QueryException(name, $"The JSON body gives '{name}' twice; give each field once.");
            }
        }
    }

    /// <summary>A field of the wrong type (<c>"k": "ten"</c>) is a 400 naming the field, like a bad query-string parameter.</summary>
    private static QueryException WrongType(JsonException e)
    {
        var field = e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
        // A wrong type inside the crop box ("$.crop.x") is the crop's mistake.
        field = field?.Split('.')[0];
        if (field is null || !Fields.Contains(field, StringComparer.OrdinalIgnoreCase))
        {
            return new QueryException("body", "The JSON body does not have the shape of a search; send {\"collection\": …, \"text\" or \"documentId\": …}.");
        }

        var expected = field switch
        {
            "k" or "ef" or "documentId" => "a whole number",
            "diversity" => "a number between 0 and 1",
            "min_relevance" => "a number between 0 and 1 (an estimated probability)",
            "rerank" => "true or false",
            "filter" => "a JSON object",
            "crop" => "an object {\"x\", \"y\", \"w\", \"h\"} of numbers in [0, 1]",
            _ => "a string",
        };
        return new QueryException(field, $"{field} must be {expected}.");
    }

    /// <summary>The whole of <paramref name="body"/>, or <paramref name="tooLarge"/> thrown once it passes <paramref name="maxBytes"/>.</summary>
    internal static async Task<byte[]> ReadAtMostAsync(Stream body, long maxBytes, Func<QueryException> tooLarge, CancellationToken cancellationToken)
    {
        // Reads one byte past the limit to tell "exactly the limit" from "more", whatever Content-Length claimed.
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var memory = buffer.GetMemory(4096);
            var read = await body.ReadAsync(memory, cancellationToken);
            if (read == 0)
            {
                return buffer.WrittenSpan.ToArray();
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes)
            {
                throw tooLarge();
            }
        }
    }

    private static QueryException TooLarge(long maxBytes) => new("body",
        $"The JSON body is larger than {maxBytes} bytes (QueryApi:MaxJsonBodyBytes); a search body is a few hundred bytes.", QueryError.TooLarge);

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
