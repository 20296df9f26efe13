using System.Runtime.InteropServices;
using SearchEngine.Core.Media;
using SkiaSharp;

namespace SearchEngine.Media.Images;

/// <summary>Makes the small JPEG a result page shows for an image or a video frame.</summary>
public static class ThumbnailEncoder
{
    /// <summary>
    /// Encodes <paramref name="image"/> as JPEG, shrunk (never enlarged) so its longer side is at most
    /// <paramref name="maxSide"/> pixels.
    /// </summary>
    public static byte[] Encode(RgbImage image, int maxSide = 256, int quality = 80)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSide);
        var scale = Math.Min(1.0, (double)maxSide / Math.Max(image.Width, image.Height));
        var width = Math.Max(1, (int)Math.Round(image.Width * scale));
        var height = Math.Max(1, (int)Math.Round(image.Height * scale));

        using var full = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var rgba = MemoryMarshal.Cast<byte, uint>(full.GetPixelSpan());
        var rgb = image.Pixels;
        for (int i = 0, s = 0; i < rgba.Length; i++, s += 3)
        {
            rgba[i] = rgb[s] | ((uint)rgb[s + 1] << 8) | ((uint)rgb[s + 2] << 16) | 0xFF000000u;
        }

        using var small = width == image.Width && height == image.Height
            ? full.Copy()
            : full.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque), new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var encoded = small.Encode(SKEncodedImageFormat.Jpeg, quality);
        return encoded.ToArray();
    }
}
