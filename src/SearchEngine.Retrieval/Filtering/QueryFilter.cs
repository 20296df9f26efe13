using System.Text.Json;
using System.Text.Json.Nodes;
using SearchEngine.Core;
using SearchEngine.Retrieval.Queries;
using SearchEngine.Storage.Filtering;

namespace SearchEngine.Retrieval.Filtering;

/// <summary>The filter of one query: the client's filter JSON with the modality restriction folded in.</summary>
/// <param name="Filter">The parsed filter of the documents' fields.</param>
/// <param name="Key">A canonical text of the filter, for caching its allow-list.</param>
/// <param name="Sources">
/// The <c>source</c> condition: which kinds of segment may match (<c>ocr</c>: text read in the picture; <c>caption</c>:
/// captions, titles and subtitles; <c>content</c>: the picture, frames or sound themselves); null when any may.
/// It is a condition on segments, not documents, so it is answered from the catalogue and not sent to PostgreSQL.
/// </param>
public sealed record QueryFilter(DocumentFilter Filter, string Key, IReadOnlySet<SegmentKind>? Sources = null)
{
    /// <summary>The filter field that restricts which kinds of segment may match.</summary>
    public const string SourceField = "source";

    private static readonly QueryFilter None = new(DocumentFilter.None, "{}");

    /// <summary>Whether a segment of <paramref name="kind"/> may match.</summary>
    public bool AllowsSource(SegmentKind kind) => Sources is null || Sources.Contains(kind);

    /// <summary>Builds the filter of <paramref name="query"/>; a malformed filter is a <see cref="QueryException"/> naming <c>filter</c>.</summary>
    public static QueryFilter From(SearchQuery query, FilterLimits limits)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(limits);
        if (string.IsNullOrWhiteSpace(query.Filter) && query.Modality is null)
        {
            return None; // most queries: no JSON to build or parse
        }

        JsonObject json;
        try
        {
            json = string.IsNullOrWhiteSpace(query.Filter)
                ? new JsonObject()
                : JsonNode.Parse(query.Filter, documentOptions: new JsonDocumentOptions { MaxDepth = limits.MaxNestingDepth }) as JsonObject ?? throw new QueryException("filter", "filter must be a JSON object, e.g. {\"width\":{\"gte\":100}}.");
            _ = json.Count; // reads the properties now, so that a repeated key is found here
        }
        catch (JsonException e)
        {
            throw new QueryException("filter", "filter: " + DocumentFilter.NotJson(e, limits));
        }
        catch (ArgumentException)
        {
            // JsonObject refuses a key it already holds; which of two values was meant cannot be known.
            throw new QueryException("filter", "filter gives a field or operator twice; give each once.");
        }

        if (query.Modality is Modality modality)
        {
            if (json.ContainsKey("modality"))
            {
                throw new QueryException("filter", "Give the modality either as the modality parameter or inside filter, not both.");
            }

            json["modality"] = modality.ToName();
        }

        HashSet<SegmentKind>? sources = null;
        if (json.TryGetPropertyValue(SourceField, out var source))
        {
            sources = ParseSources(source);
            json.Remove(SourceField);
        }

        var key = json.ToJsonString();
        try
        {
            return new QueryFilter(DocumentFilter.Parse(key, limits), key, sources);
        }
        catch (DocumentFilterException e)
        {
            throw new QueryException("filter", e.Message);
        }
    }

    private static HashSet<SegmentKind> ParseSources(JsonNode? node)
    {
        // Arrays, not collection expressions: those would become JsonArrays, which take the nodes from their parents.
        IEnumerable<JsonNode?> values = node switch
        {
            JsonValue => new[] { node },
            JsonArray array => array,
            JsonObject { Count: 1 } condition when condition["in"] is JsonArray list => list,
            JsonObject { Count: 1 } condition when condition["eq"] is JsonValue single => new JsonNode?[] { single },
            _ => throw new QueryException("filter", "filter field 'source' takes ocr, caption or content, or {\"in\": [...]} of them."),
        };
        var kinds = new HashSet<SegmentKind>();
        foreach (var value in values)
        {
            var name = value is JsonValue text && text.TryGetValue<string>(out var s) ? s : null;
            switch (name)
            {
                case "ocr": kinds.Add(SegmentKind.Ocr); break;
                case "caption": kinds.Add(SegmentKind.Caption); break;
                case "content": kinds.UnionWith([SegmentKind.Whole, SegmentKind.Frame, SegmentKind.AudioWindow]); break;
                default: throw new QueryException("filter", $"filter field 'source': '{value?.ToJsonString()}' is not a source; use ocr (text read in pictures), caption or content.");
            }
        }

        return kinds.Count > 0 ? kinds : throw new QueryException("filter", "filter field 'source' needs at least one of ocr, caption, content.");
    }
}
