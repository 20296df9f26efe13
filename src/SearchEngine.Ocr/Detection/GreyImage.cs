using SearchEngine.Core.Media;

namespace SearchEngine.Ocr.Detection;

/// <summary>
/// An 8-bit luminance plane, box-filtered down so its longer side is at most a given size: the detector's working copy
/// of a picture, and the scale factor back to the picture's pixels.
/// </summary>
internal sealed class GreyImage
{
    private GreyImage(int width, int height, byte[] pixels, float scale)
    {
        Width = width;
        Height = height;
        Pixels = pixels;
        Scale = scale;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Row-major luminance, <c>Width * Height</c> long.</summary>
    public byte[] Pixels { get; }

    /// <summary>Picture pixels per working pixel (1 when the picture was small enough).</summary>
    public float Scale { get; }

    /// <summary>Luminance (BT.601 weights) of <paramref name="image"/>, shrunk by an integer factor until its longer side is at most <paramref name="maxSide"/>.</summary>
    public static GreyImage From(RgbImage image, int maxSide)
    {
        var factor = Math.Max(1, (Math.Max(image.Width, image.Height) + maxSide - 1) / maxSide);
        var width = image.Width / factor;
        var height = image.Height / factor;
        var pixels = new byte[width * height];
        var rgb = image.Pixels;
        var area = factor * factor;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var sum = 0;
                for (var dy = 0; dy < factor; dy++)
                {
                    var at = (((y * factor) + dy) * image.Width + (x * factor)) * 3;
                    for (var dx = 0; dx < factor; dx++, at += 3)
                    {
                        sum += (rgb[at] * 299) + (rgb[at + 1] * 587) + (rgb[at + 2] * 114);
                    }
                }

                pixels[(y * width) + x] = (byte)(sum / (1000 * area));
            }
        }

        return new GreyImage(width, height, pixels, factor);
    }
}
