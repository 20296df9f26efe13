using System.Globalization;
using SearchEngine.Core;
using SearchEngine.Retrieval.Queries;

namespace SearchEngine.QueryApi.Endpoints;

/// <summary>Parses request parameters, naming the parameter in every error.</summary>
internal static class QueryParameters
{
    public static Modality? Modality(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return ModalityNames.TryParse(value, out var modality)
            ? modality
            : throw new QueryException("modality", $"modality must be one of image, audio, video, text (or all); it was '{value}'.");
    }

    public static int? Int(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? null
        : int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number
        : throw new QueryException(name, $"{name} must be a whole number; it was '{value}'.");

    public static long? Long(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? null
        : long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number
        : throw new QueryException(name, $"{name} must be a whole number; it was '{value}'.");

    public static double? Double(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? null
        : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number
        : throw new QueryException(name, $"{name} must be a number; it was '{value}'.");

    public static bool? Bool(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? null
        : bool.TryParse(value, out var flag) ? flag
        : value is "1" or "on" ? true
        : value is "0" or "off" ? false
        : throw new QueryException(name, $"{name} must be true or false; it was '{value}'.");
}
