using System.Text.Json;
using System.Text.Json.Nodes;
using SearchEngine.Core;
using SearchEngine.Retrieval.Queries;
using SearchEngine.Storage.Filtering;

namespace SearchEngine.Retrieval.Filtering;

/// <summary>The filter of one query: the client's filter JSON with the modality restriction folded in.</summary>
/// <param name="Filter">The parsed filter.</param>
/// <param name="Key">A canonical text of the filter, for caching its allow-list.</param>
public sealed record QueryFilter(DocumentFilter Filter, string Key)
{
    private static readonly QueryFilter None = new(DocumentFilter.None, "{}");

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

        var key = json.ToJsonString();
        try
        {
            return new QueryFilter(DocumentFilter.Parse(key, limits), key);
        }
        catch (DocumentFilterException e)
        {
            throw new QueryException("filter", e.Message);
        }
    }
}
