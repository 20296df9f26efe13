using System.Text.Json;
using SearchEngine.Core.Media;
using SearchEngine.Ocr;

namespace SearchEngine.Ingestion.Enrichment;

/// <summary>
/// The metadata stored with a text segment: the picture's size as read and each word's box in it, so that a page can
/// draw the boxes over the picture at any size ({"width", "height", "words": [{"text", "box": [x, y, w, h], "confidence"}]}).
/// </summary>
internal static class WordBoxes
{
    public static JsonElement ToJson(PictureText read, RgbImage image)
    {
        var words = read.Words.Select(w => new Dictionary<string, object>
        {
            ["text"] = w.Text,
            ["box"] = new[] { w.Left, w.Top, w.Width, w.Height },
            ["confidence"] = Math.Round(w.Confidence, 1),
        });
        return JsonSerializer.SerializeToElement(new Dictionary<string, object> { ["width"] = image.Width, ["height"] = image.Height, ["words"] = words.ToList() });
    }
}
