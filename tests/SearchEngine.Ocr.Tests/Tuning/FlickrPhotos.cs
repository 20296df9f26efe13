using SearchEngine.Core;
using SkiaSharp;

namespace SearchEngine.Ocr.Tests.Tuning;

/// <summary>
/// Flickr8k photos of one official split, decoded and stretched to 640×480 as the pictures the detector is tuned on.
/// Only <c>train</c> (fitting) and <c>dev</c> (thresholds, figures) are for tuning; <c>test</c> is for a final
/// evaluation only.
/// </summary>
internal static class FlickrPhotos
{
    public const int Width = 640;

    public const int Height = 480;

    public static string[] Split(string split) =>
        File.ReadAllLines(SharedData.Default.Require($"datasets/flickr8k/splits/{split}.txt")).Where(l => l.Length > 0).ToArray();

    /// <summary>A surface holding <paramref name="name"/> stretched to 640×480, to draw on.</summary>
    public static SKSurface Open(string name)
    {
        using var source = SKImage.FromEncodedData(SharedData.Default.Require(Path.Combine("datasets/flickr8k/images", name[..2], name)));
        var surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.DrawImage(source, new SKRect(0, 0, Width, Height), new SKSamplingOptions(SKFilterMode.Linear));
        return surface;
    }
}
