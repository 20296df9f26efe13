using System.Text;
using SearchEngine.Core.Media;
using SearchEngine.Ocr.Detection;

namespace SearchEngine.Ocr.Recognition;

/// <summary>
/// A detected line cut out of its picture with a margin and turned clockwise by a quarter-turn multiple, so Tesseract
/// reads it as one upright line; and the way back from a box in the turned crop to the picture's pixels.
/// </summary>
internal sealed class LineCrop
{
    private LineCrop(int left, int top, int width, int height, int rotation)
    {
        Left = left;
        Top = top;
        Width = width;
        Height = height;
        Rotation = rotation;
    }

    /// <summary>The crop's left edge in the picture.</summary>
    public int Left { get; }

    /// <summary>The crop's top edge in the picture.</summary>
    public int Top { get; }

    /// <summary>The crop's width before turning.</summary>
    public int Width { get; }

    /// <summary>The crop's height before turning.</summary>
    public int Height { get; }

    /// <summary>Clockwise degrees: 0, 90, 180 or 270.</summary>
    public int Rotation { get; }

    /// <summary>The crop of <paramref name="line"/> with a margin of a third of its glyph size, in <paramref name="image"/>'s bounds.</summary>
    public static LineCrop Of(RgbImage image, TextLine line, int rotation)
    {
        var margin = Math.Max(4, line.GlyphSize / 3);
        var left = Math.Max(0, line.Left - margin);
        var top = Math.Max(0, line.Top - margin);
        var right = Math.Min(image.Width, line.Left + line.Width + margin);
        var bottom = Math.Min(image.Height, line.Top + line.Height + margin);
        return new LineCrop(left, top, right - left, bottom - top, rotation);
    }

    /// <summary>The turned crop as a binary PPM (P6), which Tesseract's image library reads without a codec.</summary>
    public byte[] ToPpm(RgbImage image)
    {
        var quarter = Rotation is 90 or 270;
        var outWidth = quarter ? Height : Width;
        var outHeight = quarter ? Width : Height;
        var header = Encoding.ASCII.GetBytes($"P6\n{outWidth} {outHeight}\n255\n");
        var ppm = new byte[header.Length + (outWidth * outHeight * 3)];
        header.CopyTo(ppm, 0);
        var o = header.Length;
        for (var y = 0; y < outHeight; y++)
        {
            for (var x = 0; x < outWidth; x++, o += 3)
            {
                var (sx, sy) = Source(x, y);
                var at = (((Top + sy) * image.Width) + Left + sx) * 3;
                ppm[o] = image.Pixels[at];
                ppm[o + 1] = image.Pixels[at + 1];
                ppm[o + 2] = image.Pixels[at + 2];
            }
        }

        return ppm;
    }

    /// <summary>A box read in the turned crop, in the picture's pixels.</summary>
    public (int Left, int Top, int Width, int Height) ToPicture(int left, int top, int width, int height)
    {
        var (ax, ay) = Source(left, top);
        var (bx, by) = Source(left + width - 1, top + height - 1);
        return (Left + Math.Min(ax, bx), Top + Math.Min(ay, by), Math.Abs(bx - ax) + 1, Math.Abs(by - ay) + 1);
    }

    /// <summary>The crop pixel (before turning) that turned pixel (x, y) shows.</summary>
    private (int X, int Y) Source(int x, int y) => Rotation switch
    {
        90 => (y, Height - 1 - x),
        180 => (Width - 1 - x, Height - 1 - y),
        270 => (Width - 1 - y, x),
        _ => (x, y),
    };
}
