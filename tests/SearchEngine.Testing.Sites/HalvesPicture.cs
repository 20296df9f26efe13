using SkiaSharp;

namespace SearchEngine.Testing.Sites;

/// <summary>
/// A picture made of two others side by side, each filling a square half: the test of a crop, whose left or right
/// half alone must find the picture it came from.
/// </summary>
public static class HalvesPicture
{
    /// <summary>The side of each square half, in pixels (the picture is twice as wide).</summary>
    public const int Side = 320;

    /// <summary>Writes <paramref name="left"/> beside <paramref name="right"/> to <paramref name="output"/> as a JPEG.</summary>
    public static void Write(string left, string right, string output)
    {
        using var picture = new SKBitmap(2 * Side, Side);
        using (var canvas = new SKCanvas(picture))
        {
            DrawSquare(canvas, left, 0);
            DrawSquare(canvas, right, Side);
        }

        using var data = picture.Encode(SKEncodedImageFormat.Jpeg, 90);
        File.WriteAllBytes(output, data.ToArray());
    }

    /// <summary>The centre square of <paramref name="path"/>, scaled to fill the half that starts at <paramref name="left"/>.</summary>
    private static void DrawSquare(SKCanvas canvas, string path, int left)
    {
        using var image = SKBitmap.Decode(path) ?? throw new InvalidOperationException($"{path} is not a picture SkiaSharp decodes.");
        var side = Math.Min(image.Width, image.Height);
        var source = SKRect.Create((image.Width - side) / 2f, (image.Height - side) / 2f, side, side);
        using var paint = new SKPaint { IsAntialias = true };
        using var snapshot = SKImage.FromBitmap(image);
        canvas.DrawImage(snapshot, source, SKRect.Create(left, 0, Side, Side), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear), paint);
    }
}
