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
    /// <summary>Tesseract's LSTM reads best when capitals are 30–40 px high; smaller text is enlarged up to this.</summary>
    private const int ReadingGlyphSize = 36;

    private LineCrop(int left, int top, int width, int height, int rotation, int glyphSize, bool lightInk)
    {
        Scale = Math.Clamp(ReadingGlyphSize / (double)Math.Max(1, glyphSize), 1, 4);
        Left = left;
        Top = top;
        Width = width;
        Height = height;
        Rotation = rotation;
        _glyphSize = glyphSize;
        _lightInk = lightInk;
    }

    private readonly int _glyphSize;
    private readonly bool _lightInk;

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

    /// <summary>How much the crop is enlarged for reading (1 when its text is large enough).</summary>
    public double Scale { get; }

    /// <summary>The crop of <paramref name="line"/> with a margin of a third of its glyph size, in <paramref name="image"/>'s bounds.</summary>
    public static LineCrop Of(RgbImage image, TextLine line, int rotation)
    {
        var margin = Math.Max(4, line.GlyphSize / 3);
        var left = Math.Max(0, line.Left - margin);
        var top = Math.Max(0, line.Top - margin);
        var right = Math.Min(image.Width, line.Left + line.Width + margin);
        var bottom = Math.Min(image.Height, line.Top + line.Height + margin);
        return new LineCrop(left, top, right - left, bottom - top, rotation, line.GlyphSize, line.LightInk);
    }

    /// <summary>
    /// The turned crop as a binary PPM (P6), which Tesseract's image library reads without a codec. A line of light
    /// ink is handed over as black letters on white (see <see cref="LightInkThreshold"/>): Tesseract reads dark print,
    /// and white letters with a dark outline on a photo (a caption, a title card) it otherwise reads as run-together
    /// garbage (docs/ocr.md). Small text is enlarged (bilinear) so capitals are about <see cref="ReadingGlyphSize"/> high.
    /// </summary>
    public byte[] ToPpm(RgbImage image)
    {
        int? threshold = _lightInk ? LightInkThreshold(image) : null;
        var quarter = Rotation is 90 or 270;
        var outWidth = (int)Math.Round((quarter ? Height : Width) * Scale);
        var outHeight = (int)Math.Round((quarter ? Width : Height) * Scale);
        var header = Encoding.ASCII.GetBytes($"P6\n{outWidth} {outHeight}\n255\n");
        var ppm = new byte[header.Length + (outWidth * outHeight * 3)];
        header.CopyTo(ppm, 0);
        var o = header.Length;
        Span<byte> pixel = stackalloc byte[3];
        for (var y = 0; y < outHeight; y++)
        {
            for (var x = 0; x < outWidth; x++, o += 3)
            {
                // Bilinear between the four crop pixels around the output pixel's centre, in the turned crop's frame.
                var fx = Math.Max(0, ((x + 0.5) / Scale) - 0.5);
                var fy = Math.Max(0, ((y + 0.5) / Scale) - 0.5);
                int x0 = (int)fx, y0 = (int)fy;
                double ax = fx - x0, ay = fy - y0;
                var maxX = (quarter ? Height : Width) - 1;
                var maxY = (quarter ? Width : Height) - 1;
                int x1 = Math.Min(maxX, x0 + 1), y1 = Math.Min(maxY, y0 + 1);
                x0 = Math.Min(maxX, x0);
                y0 = Math.Min(maxY, y0);
                for (var c = 0; c < 3; c++)
                {
                    var top = (Sample(image, threshold is not null, x0, y0, c) * (1 - ax)) + (Sample(image, threshold is not null, x1, y0, c) * ax);
                    var bottom = (Sample(image, threshold is not null, x0, y1, c) * (1 - ax)) + (Sample(image, threshold is not null, x1, y1, c) * ax);
                    pixel[c] = (byte)Math.Clamp((int)Math.Round((top * (1 - ay)) + (bottom * ay)), 0, 255);
                }

                if (threshold is int cut)
                {
                    // Thresholded after enlarging, so the letters keep smooth edges: black letters on white.
                    pixel[0] = pixel[1] = pixel[2] = pixel[0] > cut ? (byte)0 : (byte)255;
                }

                pixel.CopyTo(ppm.AsSpan(o, 3));
            }
        }

        return ppm;
    }

    /// <summary>Channel <paramref name="channel"/> of turned-crop pixel (x, y), or its brightness when <paramref name="luma"/>.</summary>
    private double Sample(RgbImage image, bool luma, int x, int y, int channel)
    {
        var (sx, sy) = Source(x, y);
        return luma ? Luma(image, sx, sy) : image.Pixels[((((Top + sy) * image.Width) + Left + sx) * 3) + channel];
    }

    /// <summary>
    /// The brightness above which a pixel of a light-ink crop is a letter: halfway between the crop's median (its
    /// background, which most of a line's box is) and its 98th percentile (the letters' fill, the brightest thing in
    /// it). A dark outline around white letters falls below it with the background.
    /// </summary>
    private int LightInkThreshold(RgbImage image)
    {
        Span<int> histogram = stackalloc int[256];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                histogram[Luma(image, x, y)]++;
            }
        }

        int Percentile(Span<int> counts, double share)
        {
            var wanted = (long)(share * Width * Height);
            long seen = 0;
            for (var v = 0; v < 256; v++)
            {
                seen += counts[v];
                if (seen > wanted)
                {
                    return v;
                }
            }

            return 255;
        }

        return (Percentile(histogram, 0.5) + Percentile(histogram, 0.98)) / 2;
    }

    private byte Luma(RgbImage image, int x, int y)
    {
        var at = (((Top + y) * image.Width) + Left + x) * 3;
        return (byte)(((77 * image.Pixels[at]) + (150 * image.Pixels[at + 1]) + (29 * image.Pixels[at + 2])) >> 8);
    }

    /// <summary>A box read in the turned crop, in the picture's pixels.</summary>
    public (int Left, int Top, int Width, int Height) ToPicture(int left, int top, int width, int height)
    {
        var quarter = Rotation is 90 or 270;
        var (maxX, maxY) = quarter ? (Height - 1, Width - 1) : (Width - 1, Height - 1);
        int Back(int v, int max) => Math.Clamp((int)Math.Floor(v / Scale), 0, max);
        var (ax, ay) = Source(Back(left, maxX), Back(top, maxY));
        var (bx, by) = Source(Back(left + width - 1, maxX), Back(top + height - 1, maxY));
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
