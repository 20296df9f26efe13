using SearchEngine.Core.Media;
using SearchEngine.Testing;
using SkiaSharp;

namespace SearchEngine.Embeddings.Tests.Fixtures;

/// <summary>Decodes real JPEGs from the shared Flickr8k folder with SkiaSharp (the Media library lives on another branch).</summary>
internal static class TestImages
{
    public static string FlickrPath(string fileName) => SharedFiles.Require($"datasets/flickr8k/images/{fileName[..2]}/{fileName}");

    public static RgbImage Flickr(string fileName) => Decode(FlickrPath(fileName));

    public static RgbImage Decode(string path)
    {
        using var bitmap = SKBitmap.Decode(path) ?? throw new InvalidDataException($"SkiaSharp could not decode '{path}'.");
        using var rgba = bitmap.Copy(SKColorType.Rgba8888);
        var source = rgba.GetPixelSpan();
        var pixels = new byte[rgba.Width * rgba.Height * 3];
        for (int i = 0, j = 0; i < pixels.Length; i += 3, j += 4)
        {
            pixels[i] = source[j];
            pixels[i + 1] = source[j + 1];
            pixels[i + 2] = source[j + 2];
        }

        return new RgbImage(rgba.Width, rgba.Height, pixels);
    }

    /// <summary>A synthetic gradient image of any size, for shape and batching checks.</summary>
    public static RgbImage Gradient(int width, int height, int seed)
    {
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = (y * width + x) * 3;
                pixels[i] = (byte)((x * 255 / width + seed * 40) % 256);
                pixels[i + 1] = (byte)((y * 255 / height + seed * 70) % 256);
                pixels[i + 2] = (byte)(((x + y) * 127 / (width + height) + seed * 90) % 256);
            }
        }

        return new RgbImage(width, height, pixels);
    }
}
