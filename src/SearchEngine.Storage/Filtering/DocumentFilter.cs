using System.Globalization;
using System.Text.Json;
using SearchEngine.Core;

namespace SearchEngine.Storage.Filtering;

/// <summary>
/// A parsed query filter: conditions over document fields and metadata that all have to hold. The JSON language:
/// <c>{"modality":"image"}</c> (equality), <c>{"metadata.camera":{"in":["a","b"]}}</c>,
/// <c>{"width":{"gte":100,"lt":2000}}</c>, <c>{"created":{"gte":"2024-01-01"}}</c>; several fields mean AND.
/// </summary>
public sealed class DocumentFilter
{
    private static readonly Dictionary<string, FilterOperator> Operators = new(StringComparer.Ordinal)
    {
        ["eq"] = FilterOperator.Eq,
        ["in"] = FilterOperator.In,
        ["gt"] = FilterOperator.Gt,
        ["gte"] = FilterOperator.Gte,
        ["lt"] = FilterOperator.Lt,
        ["lte"] = FilterOperator.Lte,
    };

    private DocumentFilter(IReadOnlyList<FilterCondition> conditions) => Conditions = conditions;

    /// <summary>A filter that lets every document through.</summary>
    public static DocumentFilter None { get; } = new([]);

    /// <summary>The conditions, all of which must hold.</summary>
    public IReadOnlyList<FilterCondition> Conditions { get; }

    /// <summary>True when the filter has no conditions.</summary>
    public bool IsEmpty => Conditions.Count == 0;

    /// <summary>Parses filter JSON within <paramref name="limits"/> (the defaults when null); null or blank text is <see cref="None"/>.</summary>
    /// <exception cref="DocumentFilterException">The text is not valid JSON, not a valid filter, or over a limit.</exception>
    public static DocumentFilter Parse(string? json, FilterLimits? limits = null)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return None;
        }

        limits ??= DefaultLimits;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = limits.MaxNestingDepth });
        }
        catch (JsonException e)
        {
            throw new DocumentFilterException(NotJson(e, limits));
        }

        using (document)
        {
            return Parse(document.RootElement, limits);
        }
    }

    /// <summary>
    /// Why <paramref name="error"/>'s text is not a filter, in words: nesting past the limit is named as such, and
    /// otherwise the position is given, never the text itself.
    /// </summary>
    public static string NotJson(JsonException error, FilterLimits limits)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(limits);
        return error.Message.Contains("maximum configured depth", StringComparison.OrdinalIgnoreCase)
            ? $"The filter is nested deeper than {limits.MaxNestingDepth} levels (Retrieval:FilterLimits:MaxNestingDepth); a filter needs 3: {{\"field\":{{\"in\":[…]}}}}."
            : $"The filter is not valid JSON (line {error.LineNumber + 1}, byte {error.BytePositionInLine + 1}).";
    }

    /// <summary>Parses a filter from a JSON value (an object, or null for <see cref="None"/>) within <paramref name="limits"/>.</summary>
    /// <exception cref="DocumentFilterException">The value is not a valid filter, or over a limit.</exception>
    public static DocumentFilter Parse(JsonElement json, FilterLimits? limits = null)
    {
        limits ??= DefaultLimits;
        if (json.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return None;
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new DocumentFilterException($"A filter is a JSON object of field conditions, like {{\"modality\":\"image\"}}; got a {Describe(json)}.");
        }

        var conditions = new List<FilterCondition>();
        var values = 0;
        var fields = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in json.EnumerateObject())
        {
            var field = FilterField.Resolve(property.Name, limits.MaxPathDepth);
            Once(fields, field.Name, $"Filter field '{field.Name}' is given twice; give each field once (its conditions go in one object).", field.Name, null);
            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                var any = false;
                var operators = new HashSet<string>(StringComparer.Ordinal);
                foreach (var comparison in property.Value.EnumerateObject())
                {
                    any = true;
                    Once(operators, comparison.Name, $"Filter field '{field.Name}' gives operator '{comparison.Name}' twice; give each operator once.", field.Name, comparison.Name);
                    Add(ParseCondition(field, comparison.Name, comparison.Value, limits));
                }

                if (!any)
                {
                    throw new DocumentFilterException($"Filter field '{field.Name}' has an empty condition; give a value or operators ({string.Join(", ", Operators.Keys)}).", field.Name);
                }
            }
            else if (property.Value.ValueKind == JsonValueKind.Array)
            {
                throw new DocumentFilterException($"Filter field '{field.Name}' was given a list; to match any of several values write {{\"{field.Name}\":{{\"in\":[…]}}}}.", field.Name);
            }
            else
            {
                Add(ParseCondition(field, "eq", property.Value, limits));
            }
        }

        return new DocumentFilter(conditions);

        void Add(FilterCondition condition)
        {
            conditions.Add(condition);
            if (conditions.Count > limits.MaxConditions)
            {
                throw new DocumentFilterException(
                    $"The filter has more than {limits.MaxConditions} conditions (Retrieval:FilterLimits:MaxConditions); combine values with 'in' or search with fewer conditions.",
                    condition.Field.Name);
            }

            values += condition.Values.Count;
            if (values > limits.MaxValues)
            {
                throw new DocumentFilterException(
                    $"The filter has more than {limits.MaxValues} values in all (Retrieval:FilterLimits:MaxValues); search with fewer values.", condition.Field.Name);
            }
        }
    }

    private static readonly FilterLimits DefaultLimits = new();

    // JSON parsers disagree on which of two equal keys wins; refusing keeps a filter's meaning unambiguous.
    private static void Once(HashSet<string> seen, string key, string message, string field, string? @operator)
    {
        if (!seen.Add(key))
        {
            throw new DocumentFilterException(message, field, @operator);
        }
    }

    private static FilterCondition ParseCondition(FilterField field, string operatorName, JsonElement value, FilterLimits limits)
    {
        if (!Operators.TryGetValue(operatorName, out var op))
        {
            throw new DocumentFilterException(
                $"Filter field '{field.Name}' has unknown operator '{operatorName}'; use one of {string.Join(", ", Operators.Keys)}.", field.Name, operatorName);
        }

        var isRange = op is FilterOperator.Gt or FilterOperator.Gte or FilterOperator.Lt or FilterOperator.Lte;
        if (isRange && field.Type is FilterFieldType.Text or FilterFieldType.Modality)
        {
            throw new DocumentFilterException($"Operator '{operatorName}' does not apply to '{field.Name}'; it is compared with eq or in.", field.Name, operatorName);
        }

        if (!isRange && field.Type == FilterFieldType.Timestamp)
        {
            throw new DocumentFilterException($"Operator '{operatorName}' does not apply to '{field.Name}', a point in time; use gt, gte, lt or lte.", field.Name, operatorName);
        }

        if (op != FilterOperator.In)
        {
            return new FilterCondition(field, op, [ParseValue(field, operatorName, value, isRange)]);
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            throw new DocumentFilterException($"Operator 'in' on '{field.Name}' needs a non-empty array of values; got a {Describe(value)}.", field.Name, operatorName);
        }

        if (value.GetArrayLength() > limits.MaxValuesPerCondition)
        {
            throw new DocumentFilterException(
                $"Operator 'in' on '{field.Name}' has {value.GetArrayLength()} values; at most {limits.MaxValuesPerCondition} are allowed (Retrieval:FilterLimits:MaxValuesPerCondition).", field.Name, operatorName);
        }

        return new FilterCondition(field, op, value.EnumerateArray().Select(v => ParseValue(field, operatorName, v, isRange: false)).ToList());
    }

    private static FilterValue ParseValue(FilterField field, string operatorName, JsonElement value, bool isRange)
    {
        // PostgreSQL's text and jsonb cannot hold NUL; refused here rather than failing the query there.
        if (value.ValueKind == JsonValueKind.String && value.GetString()!.Contains('\0', StringComparison.Ordinal))
        {
            throw new DocumentFilterException($"Filter field '{field.Name}', operator '{operatorName}': values cannot contain the NUL character (\\u0000).", field.Name, operatorName);
        }

        switch (field.Type)
        {
            case FilterFieldType.Text when value.ValueKind == JsonValueKind.String:
                return new FilterValue.Text(value.GetString()!);
            case FilterFieldType.Modality when value.ValueKind == JsonValueKind.String:
                return ModalityNames.TryParse(value.GetString(), out var modality)
                    ? new FilterValue.Text(modality.ToName())
                    : throw new DocumentFilterException($"Filter field 'modality': '{value.GetString()}' is not a modality; use image, audio, video or text.", field.Name, operatorName);
            case FilterFieldType.Number when value.ValueKind == JsonValueKind.Number:
                return new FilterValue.Number(Finite(field, operatorName, value));
            case FilterFieldType.Timestamp when value.ValueKind == JsonValueKind.String && TryParseDate(value.GetString()!, out var date):
                return new FilterValue.Date(date);
            case FilterFieldType.Metadata when isRange && value.ValueKind == JsonValueKind.Number:
                return new FilterValue.Number(Finite(field, operatorName, value));
            case FilterFieldType.Metadata when isRange && value.ValueKind == JsonValueKind.String && TryParseDate(value.GetString()!, out var metadataDate):
                return new FilterValue.Date(metadataDate);
            case FilterFieldType.Metadata when !isRange && value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                return new FilterValue.Json(value.Clone());
            default:
                throw new DocumentFilterException($"Filter field '{field.Name}', operator '{operatorName}': {Expected(field.Type, isRange)}; got {Describe(value)} {Shorten(value)}.", field.Name, operatorName);
        }
    }

    // JSON numbers have no range; a double does (1e400 does not fit).
    private static double Finite(FilterField field, string operatorName, JsonElement value) =>
        value.TryGetDouble(out var number) && double.IsFinite(number)
            ? number
            : throw new DocumentFilterException($"Filter field '{field.Name}', operator '{operatorName}': {Shorten(value)} is not a number a double can hold.", field.Name, operatorName);

    private static string Expected(FilterFieldType type, bool isRange) => type switch
    {
        FilterFieldType.Text => "expects a string",
        FilterFieldType.Modality => "expects a modality name (image, audio, video, text)",
        FilterFieldType.Number => "expects a number",
        FilterFieldType.Timestamp => "expects an ISO-8601 date or date-time such as \"2024-01-01\" or \"2024-01-01T12:00:00Z\"",
        FilterFieldType.Metadata when isRange => "a metadata range expects a number or an ISO-8601 date",
        _ => "metadata equality expects a string, number or boolean",
    };

    private static bool TryParseDate(string text, out DateTimeOffset date) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out date)
        && text.Length >= 8 && char.IsAsciiDigit(text[0]);

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    private static string Shorten(JsonElement value)
    {
        var raw = value.GetRawText();
        return raw.Length <= 40 ? raw : raw[..40] + "…";
    }
}
