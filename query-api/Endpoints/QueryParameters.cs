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

    /// <summary>A crop box spelled <c>x,y,w,h</c> (a form field), or null when absent. Its range is checked with the query.</summary>
    public static CropBox? Crop(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var parts = value.Split(',');
        var numbers = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]))
            {
                numbers = [];
                break;
            }
        }

        return numbers is [var x, var y, var w, var h]
            ? new CropBox(x, y, w, h)
            : throw new QueryException("crop", $"crop must be four numbers x,y,w,h in [0, 1] (fractions of the image's width and height); it was '{(value.Length <= 80 ? value : value[..80] + "…")}'.");
    }

    /// <summary>The JSON body's crop object, or null when absent; each of x, y, w and h is required.</summary>
    public static CropBox? Crop(Contracts.CropRegion? region) => region switch
    {
        null => null,
        { X: { } x, Y: { } y, W: { } w, H: { } h } => new CropBox(x, y, w, h),
        _ => throw new QueryException("crop", "crop must give all of x, y, w and h (fractions of the image's width and height, in [0, 1])."),
    };
}
