using SearchEngine.Core;
using SearchEngine.Core.Media;
using SkiaSharp;

namespace SearchEngine.Ocr.Tests;

/// <summary>
/// A picture made in the test: a Flickr8k training photo stretched to the given size with a line of text drawn on a
/// white plate (or straight on the photo) at a given centre, turned by an angle, and the axis-aligned box the plate
/// covers (or would).
/// </summary>
internal static class SignPicture
{
    private static readonly string[] Photos = File.ReadAllLines(SharedData.Default.Require("datasets/flickr8k/splits/train.txt"));

    /// <param name="text">The line drawn.</param>
    /// <param name="angle">Clockwise degrees the text is turned by.</param>
    /// <param name="photo">Which train photo it is drawn on.</param>
    /// <param name="width">The picture's width.</param>
    /// <param name="height">The picture's height.</param>
    /// <param name="size">The font size at 640 px wide.</param>
    /// <param name="face">A font file under /usr/share/fonts/truetype (Skia here has no fontconfig to find one by name).</param>
    /// <param name="ink">The text's colour; black when null.</param>
    /// <param name="centre">Where the text's centre goes, as shares of the width and height; the middle when null.</param>
    /// <param name="bare">Whether the text goes straight on the photo instead of on a white plate.</param>
    public static (RgbImage Image, SKRectI Box) Draw(
        string text, float angle, int photo = 0, int width = 640, int height = 480, float size = 44, string face = "dejavu/DejaVuSans-Bold.ttf",
        SKColor? ink = null, SKPoint? centre = null, bool bare = false)
    {
        var name = Photos[photo];
        using var source = SKImage.FromEncodedData(SharedData.Default.Require(Path.Combine("datasets/flickr8k/images", name[..2], name)));
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.DrawImage(source, new SKRect(0, 0, width, height), new SKSamplingOptions(SKFilterMode.Linear));
        using var typeface = SKTypeface.FromFile(Path.Combine("/usr/share/fonts/truetype", face));
        using var font = new SKFont(typeface, size * width / 640f);
        using var inkPaint = new SKPaint { Color = ink ?? SKColors.Black, IsAntialias = true };
        using var platePaint = new SKPaint { Color = SKColors.White };
        var textWidth = font.MeasureText(text);
        var halfWidth = (textWidth / 2) + (0.3f * font.Size);
        var halfHeight = 0.75f * font.Size;
        var (centreX, centreY) = (width * (centre?.X ?? 0.5f), height * (centre?.Y ?? 0.5f));
        canvas.Save();
        canvas.Translate(centreX, centreY);
        canvas.RotateDegrees(angle);
        if (!bare)
        {
            canvas.DrawRect(-halfWidth, -halfHeight, 2 * halfWidth, 2 * halfHeight, platePaint);
        }

        canvas.DrawText(text, 0, 0.35f * font.Size, SKTextAlign.Center, font, inkPaint);
        canvas.Restore();

        var radians = angle * MathF.PI / 180;
        var extentX = MathF.Abs(halfWidth * MathF.Cos(radians)) + MathF.Abs(halfHeight * MathF.Sin(radians));
        var extentY = MathF.Abs(halfWidth * MathF.Sin(radians)) + MathF.Abs(halfHeight * MathF.Cos(radians));
        var box = SKRectI.Round(new SKRect(centreX - extentX, centreY - extentY, centreX + extentX, centreY + extentY));
        return (ToRgb(surface), box);
    }

    public static RgbImage ToRgb(SKSurface surface)
    {
        // Read back as RGBA explicitly: a snapshot's own bitmap is in the platform's order (BGRA here), which would
        // swap red and blue and with them the luminance the detector sees.
        var info = new SKImageInfo(surface.Canvas.DeviceClipBounds.Width, surface.Canvas.DeviceClipBounds.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        if (!surface.ReadPixels(info, bitmap.GetPixels(), bitmap.RowBytes, 0, 0))
        {
            throw new InvalidOperationException("The surface could not be read back.");
        }

        var rgba = bitmap.GetPixelSpan();
        var rgb = new byte[bitmap.Width * bitmap.Height * 3];
        for (int i = 0, o = 0; o < rgb.Length; i += 4, o += 3)
        {
            rgb[o] = rgba[i];
            rgb[o + 1] = rgba[i + 1];
            rgb[o + 2] = rgba[i + 2];
        }

        return new RgbImage(bitmap.Width, bitmap.Height, rgb);
    }
}
