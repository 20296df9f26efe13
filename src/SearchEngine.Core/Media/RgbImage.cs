namespace SearchEngine.Core.Media;

/// <summary>
/// A decoded image as tightly packed 8-bit RGB (no alpha: transparency is already flattened on white, EXIF
/// orientation already applied). This is what decoders produce and what image towers preprocess.
/// </summary>
public sealed class RgbImage
{
    /// <summary>Wraps <paramref name="pixels"/> (row-major, 3 bytes per pixel, no row padding).</summary>
    public RgbImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.Length != checked(width * height * 3))
        {
            throw new ArgumentException($"Expected {width}×{height}×3 = {width * height * 3} bytes, got {pixels.Length}.", nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Row-major RGB bytes, <c>Width * Height * 3</c> long.</summary>
    public byte[] Pixels { get; }
}
