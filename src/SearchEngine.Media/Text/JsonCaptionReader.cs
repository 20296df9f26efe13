using System.Text.Json;

namespace SearchEngine.Media.Text;

/// <summary>
/// Reads sidecar metadata JSON: the title from <c>title</c>/<c>name</c>, the body from caption, description and text
/// fields (strings or arrays of strings); a document with none of those contributes all its string values.
/// </summary>
internal static class JsonCaptionReader
{
    private static readonly string[] TitleFields = ["title", "name"];
    private static readonly string[] BodyFields = ["caption", "captions", "description", "text", "body", "content", "summary", "alt", "tags", "keywords"];

    public static (string? Title, string Body) Read(JsonElement root)
    {
        string? title = null;
        var body = new List<string>();
        if (root.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in root.EnumerateObject())
            {
                var key = property.Name.ToLowerInvariant();
                if (title is null && TitleFields.Contains(key) && property.Value.ValueKind == JsonValueKind.String)
                {
                    title = property.Value.GetString();
                }
                else if (BodyFields.Contains(key))
                {
                    CollectStrings(property.Value, body);
                }
            }
        }

        if (body.Count == 0)
        {
            CollectStrings(root, body);
            if (title is not null)
            {
                body.Remove(title);
            }
        }

        return (string.IsNullOrWhiteSpace(title) ? null : title.Trim(), string.Join('\n', body));
    }

    private static void CollectStrings(JsonElement element, List<string> into)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                var value = element.GetString();
                if (!string.IsNullOrWhiteSpace(value))
                {
                    into.Add(value.Trim());
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    CollectStrings(item, into);
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    CollectStrings(property.Value, into);
                }

                break;
        }
    }
}
