namespace SearchEngine.Storage.Filtering;

/// <summary>How a filter field's values are typed and compared.</summary>
public enum FilterFieldType
{
    /// <summary>Exact text (eq, in).</summary>
    Text,

    /// <summary>A modality name (eq, in): image, audio, video, text.</summary>
    Modality,

    /// <summary>A number (eq, in, gt, gte, lt, lte).</summary>
    Number,

    /// <summary>A point in time given as an ISO-8601 date or date-time (gt, gte, lt, lte); dates without an offset are UTC.</summary>
    Timestamp,

    /// <summary>A value inside the user metadata: eq and in with JSON scalars, ranges with numbers or dates.</summary>
    Metadata,
}

/// <summary>A field a filter can name: a document column, or a path into the metadata (<c>metadata.a.b</c>).</summary>
/// <param name="Name">The name as written in the filter.</param>
/// <param name="Type">How values are typed.</param>
/// <param name="Column">The documents column, for document fields.</param>
/// <param name="MetadataPath">The keys below <c>metadata</c>, for metadata fields; empty otherwise.</param>
public sealed record FilterField(string Name, FilterFieldType Type, string? Column, IReadOnlyList<string> MetadataPath)
{
    private static readonly Dictionary<string, FilterField> DocumentFields = new FilterField[]
    {
        // The document id, so a client can restrict a search to documents it picked (the page's map lasso):
        // {"id":{"in":[…]}}, bounded like any list by FilterLimits.MaxValuesPerCondition.
        new("id", FilterFieldType.Number, "id", []),
        new("modality", FilterFieldType.Modality, "modality", []),
        new("uri", FilterFieldType.Text, "uri", []),
        new("status", FilterFieldType.Text, "status", []),
        new("sha256", FilterFieldType.Text, "content_sha256", []),
        new("width", FilterFieldType.Number, "width", []),
        new("height", FilterFieldType.Number, "height", []),
        new("duration", FilterFieldType.Number, "duration_s", []),
        new("size", FilterFieldType.Number, "size_bytes", []),
        new("created", FilterFieldType.Timestamp, "created_at", []),
        new("updated", FilterFieldType.Timestamp, "updated_at", []),
    }.ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>The names of the document fields, for error messages and documentation.</summary>
    public static IEnumerable<string> DocumentFieldNames => DocumentFields.Keys;

    /// <summary>
    /// Resolves a field name; throws <see cref="DocumentFilterException"/> listing the known fields when it is not one,
    /// or naming the limit when a metadata path has more than <paramref name="maxPathDepth"/> keys.
    /// </summary>
    public static FilterField Resolve(string name, int maxPathDepth = 8)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (DocumentFields.TryGetValue(name, out var field))
        {
            return field;
        }

        const string prefix = "metadata.";
        if (name.StartsWith(prefix, StringComparison.Ordinal))
        {
            // Counted before splitting: a path of a thousand keys is refused without building it.
            var depth = name.AsSpan(prefix.Length).Count('.') + 1;
            if (depth > maxPathDepth)
            {
                throw new DocumentFilterException(
                    $"Filter field metadata path has {depth} keys; at most {maxPathDepth} are allowed (Retrieval:FilterLimits:MaxPathDepth).", Shorten(name));
            }

            var path = name[prefix.Length..].Split('.');
            if (path.All(key => key.Length > 0 && !key.Contains('\0', StringComparison.Ordinal)))
            {
                return new FilterField(name, FilterFieldType.Metadata, null, path);
            }
        }

        throw new DocumentFilterException(
            $"Filter field '{Shorten(name)}' is not known. Use one of {string.Join(", ", DocumentFields.Keys)}, or metadata.<key> (metadata.<key>.<key> for nested values).",
            Shorten(name));
    }

    // Field names are echoed in errors; a pasted blob is not.
    private static string Shorten(string name) => name.Length <= 64 ? name : name[..64] + "…";
}
