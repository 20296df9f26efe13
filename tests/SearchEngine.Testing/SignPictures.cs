using SkiaSharp;

namespace SearchEngine.Testing;

/// <summary>How a line of text is drawn on a photo.</summary>
/// <param name="Text">The words; null for a picture without text.</param>
/// <param name="Angle">Clockwise turn in degrees (90: reads top to bottom; 180: upside down).</param>
/// <param name="Size">Text height in pixels of a 640-pixel-wide picture.</param>
/// <param name="Font">A font file name under /usr/share/fonts/truetype (see <see cref="SignPictures.Fonts"/>).</param>
/// <param name="Plate">Dark text on a light plate (a sign); false: light text with a dark outline straight on the photo (a caption).</param>
/// <param name="CentreX">Where the text's centre sits, as a fraction of the width.</param>
/// <param name="CentreY">Where the text's centre sits, as a fraction of the height.</param>
public sealed record Sign(string? Text, float Angle = 0, float Size = 44, string Font = "DejaVuSans-Bold.ttf", bool Plate = true, float CentreX = 0.5f, float CentreY = 0.5f);

/// <summary>
/// Pictures made in a test or benchmark: a photo stretched to 640×480 with a line of text drawn on it, written as
/// JPEG. Fonts load from their files, because the Skia build used here has no fontconfig to find them by name.
/// </summary>
public static class SignPictures
{
    private static readonly string[] FontFolders = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/liberation"];

    /// <summary>The font files found on this machine (DejaVu is always there; Liberation when installed).</summary>
    public static IReadOnlyList<string> Fonts { get; } = FontFolders
        .Where(Directory.Exists)
        .SelectMany(f => Directory.GetFiles(f, "*.ttf"))
        .Where(f => !f.Contains("Oblique", StringComparison.Ordinal) && !f.Contains("Italic", StringComparison.Ordinal) && !f.Contains("ExtraLight", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>Writes <paramref name="photo"/> with <paramref name="sign"/> drawn on it to <paramref name="path"/> (JPEG).</summary>
    public static void Write(string path, string photo, Sign sign, int width = 640, int height = 480)
    {
        ArgumentNullException.ThrowIfNull(sign);
        using var source = SKImage.FromEncodedData(photo) ?? throw new InvalidOperationException($"{photo} is not a picture.");
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.DrawImage(source, new SKRect(0, 0, width, height), new SKSamplingOptions(SKFilterMode.Linear));
        if (sign.Text is { Length: > 0 } text)
        {
            Draw(canvas, text, sign, width, height);
        }

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        using var file = File.Create(path);
        data.SaveTo(file);
    }

    /// <summary>
    /// Where <paramref name="sign"/>'s plate (or, without one, its text's box) lies in a picture of
    /// <paramref name="width"/> × <paramref name="height"/>, as fractions of the picture (x, y, width, height), before
    /// any turn: for an upright sign, the region its words' boxes must fall in.
    /// </summary>
    public static (float X, float Y, float Width, float Height) PlateOf(Sign sign, int width = 640, int height = 480)
    {
        ArgumentNullException.ThrowIfNull(sign);
        ArgumentException.ThrowIfNullOrEmpty(sign.Text, nameof(sign));
        var fontFile = Fonts.FirstOrDefault(f => Path.GetFileName(f) == sign.Font) ?? Fonts[0];
        using var typeface = SKTypeface.FromFile(fontFile);
        using var font = new SKFont(typeface, sign.Size * width / 640f);
        var halfWidth = (font.MeasureText(sign.Text) / 2) + (0.3f * font.Size);
        var halfHeight = 0.75f * font.Size;
        return (((sign.CentreX * width) - halfWidth) / width, ((sign.CentreY * height) - halfHeight) / height, 2 * halfWidth / width, 2 * halfHeight / height);
    }

    private static void Draw(SKCanvas canvas, string text, Sign sign, int width, int height)
    {
        var fontFile = Fonts.FirstOrDefault(f => Path.GetFileName(f) == sign.Font) ?? Fonts[0];
        using var typeface = SKTypeface.FromFile(fontFile);
        using var font = new SKFont(typeface, sign.Size * width / 640f);
        var textWidth = font.MeasureText(text);
        var halfWidth = (textWidth / 2) + (0.3f * font.Size);
        var halfHeight = 0.75f * font.Size;
        canvas.Save();
        canvas.Translate(sign.CentreX * width, sign.CentreY * height);
        canvas.RotateDegrees(sign.Angle);
        var baseline = 0.35f * font.Size;
        if (sign.Plate)
        {
            using var plate = new SKPaint { Color = new SKColor(250, 246, 230) };
            using var ink = new SKPaint { Color = new SKColor(20, 24, 40), IsAntialias = true };
            canvas.DrawRect(-halfWidth, -halfHeight, 2 * halfWidth, 2 * halfHeight, plate);
            canvas.DrawText(text, 0, baseline, SKTextAlign.Center, font, ink);
        }
        else
        {
            using var outline = new SKPaint { Color = SKColors.Black, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = Math.Max(2, font.Size / 8) };
            using var ink = new SKPaint { Color = SKColors.White, IsAntialias = true };
            canvas.DrawText(text, 0, baseline, SKTextAlign.Center, font, outline);
            canvas.DrawText(text, 0, baseline, SKTextAlign.Center, font, ink);
        }

        canvas.Restore();
    }
}
