using System.Text.Json;
using SearchEngine.Retrieval.Queries;
using SearchEngine.Storage.Documents;

namespace SearchEngine.QueryApi.Endpoints;

/// <summary>
/// Reads the body of PUT /api/documents/{id}: one object with any of <c>title</c>, <c>caption</c> (strings) and
/// <c>metadata</c> (an object). A field left out is unchanged; a field sent as <c>null</c> is cleared. Anything else
/// is refused, naming the field, so a misspelt field is not silently ignored.
/// </summary>
internal static class DocumentUpdateJson
{
    /// <summary>The edit <paramref name="body"/> asks for, without the caption's vector (the caller embeds it).</summary>
    /// <exception cref="QueryException">The body is not such an object.</exception>
    public static DocumentUpdate Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new QueryException("body", "The body must be a JSON object with any of \"title\", \"caption\" (strings or null) and \"metadata\" (an object or null).");
        }

        var update = new DocumentUpdate();
        foreach (var field in body.EnumerateObject())
        {
            update = field.Name switch
            {
                "title" when !update.ChangesTitle => update with { ChangesTitle = true, Title = Text(field) },
                "caption" when !update.ChangesCaption => update with { ChangesCaption = true, Caption = Text(field) },
                "metadata" when !update.ChangesMetadata => update with { ChangesMetadata = true, Metadata = Metadata(field) },
                "title" or "caption" or "metadata" => throw new QueryException(field.Name, $"\"{field.Name}\" appears twice in the body; send it once."),
                _ => throw new QueryException(field.Name.Length <= 40 ? field.Name : "body",
                    "Unknown field: a document's \"title\", \"caption\" and \"metadata\" can be changed; its file, modality and vectors come from indexing."),
            };
        }

        return update;
    }

    // An empty or blank text clears the field, as null does: there is nothing in it to search.
    private static string? Text(JsonProperty field) => field.Value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => string.IsNullOrWhiteSpace(field.Value.GetString()) ? null : field.Value.GetString(),
        _ => throw new QueryException(field.Name, $"\"{field.Name}\" must be a string, or null to clear it."),
    };

    private static JsonElement? Metadata(JsonProperty field) => field.Value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Object => field.Value.Clone(),
        _ => throw new QueryException("metadata", "\"metadata\" must be a JSON object (filterable as metadata.<key>), or null to clear it."),
    };
}
