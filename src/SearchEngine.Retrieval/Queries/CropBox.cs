using SearchEngine.Core.Media;

namespace SearchEngine.Retrieval.Queries;

/// <summary>
/// The region of an example image to search with, as fractions of the image's width and height (x, y: its top-left
/// corner; all in [0, 1]). Normalized rather than in pixels so a client can draw it over a thumbnail or a scaled
/// preview without knowing the original's size.
/// </summary>
public sealed record CropBox(double X, double Y, double Width, double Height)
{
    /// <summary>
    /// Fewest pixels a side of the region may have in the decoded image: the image tower resizes its input to a few
    /// hundred pixels, and a region smaller than this is mostly interpolation, not evidence.
    /// </summary>
    public const int MinSidePixels = 16;

    // Rounding in a client (x + w computed in floating point) can overshoot 1 by a hair; that is not a mistake.
    private const double Slack = 1e-6;

    /// <summary>The problem with the box's numbers (out of [0, 1], empty, past the edge), or null when it is a region of an image.</summary>
    public string? Problem()
    {
        double[] values = [X, Y, Width, Height];
        if (values.Any(v => double.IsNaN(v) || double.IsInfinity(v) || v < 0 || v > 1))
        {
            return $"crop must be four numbers x,y,w,h in [0, 1] (fractions of the image's width and height); it was {Describe()}.";
        }

        if (Width <= 0 || Height <= 0)
        {
            return $"crop has no area (w and h must be above 0); it was {Describe()}.";
        }

        return X + Width > 1 + Slack || Y + Height > 1 + Slack
            ? $"crop reaches past the image's edge (x + w and y + h must be at most 1); it was {Describe()}."
            : null;
    }

    /// <summary>The box as "x,y,w,h", the form field's own spelling.</summary>
    public string Describe() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{X},{Y},{Width},{Height}");

    /// <summary>
    /// The region cut out of <paramref name="image"/>, or a <see cref="QueryException"/> when it is narrower or lower than
    /// <see cref="MinSidePixels"/> in it.
    /// </summary>
    public RgbImage Cut(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var left = Math.Clamp((int)Math.Round(X * image.Width), 0, image.Width - 1);
        var top = Math.Clamp((int)Math.Round(Y * image.Height), 0, image.Height - 1);
        var width = Math.Min((int)Math.Round(Width * image.Width), image.Width - left);
        var height = Math.Min((int)Math.Round(Height * image.Height), image.Height - top);
        if (width < MinSidePixels || height < MinSidePixels)
        {
            throw new QueryException("crop",
                $"crop {Describe()} is {Math.Max(width, 0)}×{Math.Max(height, 0)} pixels of this {image.Width}×{image.Height} image; " +
                $"a region needs at least {MinSidePixels} pixels a side. Draw a larger box.");
        }

        var pixels = new byte[width * height * 3];
        for (var row = 0; row < height; row++)
        {
            Array.Copy(image.Pixels, (((top + row) * image.Width) + left) * 3, pixels, row * width * 3, width * 3);
        }

        return new RgbImage(width, height, pixels);
    }

    /// <summary>
    /// The short side to decode an image at so that the region's shorter side still comes out near
    /// <paramref name="regionShortSide"/> pixels (the size the whole image would be decoded at), capped at
    /// <paramref name="limit"/>: the decoder never decodes above the original size or its pixel limit anyway.
    /// </summary>
    public int DecodeShortSide(int regionShortSide, int limit) =>
        (int)Math.Min(limit, Math.Ceiling(regionShortSide / Math.Min(Width, Height)));
}
