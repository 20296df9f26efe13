namespace SearchEngine.Ocr.Detection;

/// <summary>One connected run of ink pixels: its bounding box and pixel count, in working pixels.</summary>
/// <remarks>
/// <see cref="Stroke"/> estimates the stroke width as 2 × area / perimeter (exact for a long bar); a font's letters
/// share it, a photo's blobs less so. <see cref="Ink"/> is the component's mean luminance: a line's letters share a
/// colour. <see cref="Depth"/> is how far the ink lies from its neighbourhood's mean on average: text is made to be
/// read, so it stands out further than the texture of leaves, water or fabric, the detector's usual false alarms.
/// </remarks>
internal readonly record struct Glyph(int Left, int Top, int Right, int Bottom, int Pixels, float Stroke, float Ink, float Depth)
{
    public int Width => Right - Left + 1;

    public int Height => Bottom - Top + 1;
}

/// <summary>
/// Finds glyph-shaped connected components of ink: pixels darker (or, separately, lighter) than their neighbourhood's
/// mean by a contrast margin, so text on a sign, a shirt or a screen is found whatever its colours, and one polarity
/// at a time so a light letter on a dark plate is not joined to the plate.
/// </summary>
internal static class GlyphComponents
{
    public static List<Glyph> Find(GreyImage image, bool darkInk, TextDetectionOptions options)
    {
        var width = image.Width;
        var height = image.Height;
        var (mask, depthOf) = InkMask(image, darkInk, options.Contrast, Math.Max(4, Math.Max(width, height) / options.NeighbourhoodDivisor));
        var seen = new bool[mask.Length];

        var grey = image.Pixels;
        var glyphs = new List<Glyph>();
        var stack = new Stack<int>();
        var maxSize = Math.Max(width, height) * 0.6;
        for (var start = 0; start < mask.Length; start++)
        {
            if (!mask[start] || seen[start])
            {
                continue;
            }

            int left = width, top = height, right = -1, bottom = -1, count = 0, boundary = 0;
            long ink = 0;
            double depth = 0;
            seen[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var at = stack.Pop();
                var x = at % width;
                var y = at / width;
                count++;
                ink += grey[at];
                depth += depthOf[at];
                if (x == 0 || y == 0 || x == width - 1 || y == height - 1 || !mask[at - 1] || !mask[at + 1] || !mask[at - width] || !mask[at + width])
                {
                    boundary++;
                }

                left = Math.Min(left, x);
                right = Math.Max(right, x);
                top = Math.Min(top, y);
                bottom = Math.Max(bottom, y);
                for (var ny = Math.Max(0, y - 1); ny <= Math.Min(height - 1, y + 1); ny++)
                {
                    for (var nx = Math.Max(0, x - 1); nx <= Math.Min(width - 1, x + 1); nx++)
                    {
                        var n = (ny * width) + nx;
                        if (mask[n] && !seen[n])
                        {
                            seen[n] = true;
                            stack.Push(n);
                        }
                    }
                }
            }

            var glyph = new Glyph(left, top, right, bottom, count, 2f * count / boundary, ink / (float)count, (float)(depth / count));
            var longSide = Math.Max(glyph.Width, glyph.Height);
            var shortSide = Math.Min(glyph.Width, glyph.Height);
            var fill = count / (double)(glyph.Width * glyph.Height);
            if (count >= options.MinGlyphPixels && longSide >= options.MinGlyphSize && longSide <= maxSize
                && longSide <= options.MaxGlyphAspect * shortSide && fill >= options.MinGlyphFill && fill <= options.MaxGlyphFill)
            {
                glyphs.Add(glyph);
            }
        }

        return glyphs;
    }

    /// <summary>Pixels whose luminance differs from the mean of the (2r+1)² box around them by more than <paramref name="contrast"/>, in the ink's direction.</summary>
    private static (bool[] Mask, float[] Depth) InkMask(GreyImage image, bool darkInk, int contrast, int radius)
    {
        var width = image.Width;
        var height = image.Height;
        var pixels = image.Pixels;
        var integral = new int[(width + 1) * (height + 1)];
        for (var y = 0; y < height; y++)
        {
            var row = 0;
            for (var x = 0; x < width; x++)
            {
                row += pixels[(y * width) + x];
                integral[((y + 1) * (width + 1)) + x + 1] = integral[(y * (width + 1)) + x + 1] + row;
            }
        }

        var mask = new bool[width * height];
        var depth = new float[width * height];
        for (var y = 0; y < height; y++)
        {
            var y0 = Math.Max(0, y - radius);
            var y1 = Math.Min(height, y + radius + 1);
            for (var x = 0; x < width; x++)
            {
                var x0 = Math.Max(0, x - radius);
                var x1 = Math.Min(width, x + radius + 1);
                var sum = integral[(y1 * (width + 1)) + x1] - integral[(y0 * (width + 1)) + x1] - integral[(y1 * (width + 1)) + x0] + integral[(y0 * (width + 1)) + x0];
                var area = (x1 - x0) * (y1 - y0);
                var difference = (pixels[(y * width) + x] * area) - sum;
                mask[(y * width) + x] = darkInk ? difference < -contrast * area : difference > contrast * area;
                depth[(y * width) + x] = Math.Abs(difference) / (float)area;
            }
        }

        return (mask, depth);
    }
}
