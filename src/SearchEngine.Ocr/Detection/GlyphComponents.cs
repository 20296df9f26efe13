namespace SearchEngine.Ocr.Detection;

/// <summary>
/// Finds glyph-shaped connected components of ink: pixels darker (or, separately, lighter) than their neighbourhood's
/// mean by a contrast margin, so text on a sign, a shirt or a screen is found whatever its colours, and one polarity
/// at a time so a light letter on a dark plate is not joined to the plate.
/// </summary>
internal sealed class GlyphComponents
{
    private readonly GreyImage _image;
    private readonly TextDetectionOptions _options;

    /// <summary>Each pixel's luminance less its neighbourhood's mean: computed once for both inks.</summary>
    private readonly short[] _contrast;

    public GlyphComponents(GreyImage image, TextDetectionOptions options)
    {
        _image = image;
        _options = options;
        _contrast = LocalContrast(image, Math.Max(4, Math.Max(image.Width, image.Height) / options.NeighbourhoodDivisor));
    }

    public List<Glyph> Find(bool darkInk)
    {
        var width = _image.Width;
        var height = _image.Height;
        var threshold = _options.Contrast;
        var mask = new bool[_contrast.Length];
        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] = darkInk ? _contrast[i] < -threshold : _contrast[i] > threshold;
        }

        var seen = new bool[mask.Length];
        var grey = _image.Pixels;
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
            long ink = 0, inkSquares = 0, depth = 0;
            seen[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var at = stack.Pop();
                var x = at % width;
                var y = at / width;
                count++;
                int v = grey[at];
                ink += v;
                inkSquares += v * v;
                depth += Math.Abs(_contrast[at]);
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

            var boxWidth = right - left + 1;
            var boxHeight = bottom - top + 1;
            var longSide = Math.Max(boxWidth, boxHeight);
            var shortSide = Math.Min(boxWidth, boxHeight);
            var fill = count / (double)(boxWidth * boxHeight);
            if (count < _options.MinGlyphPixels || longSide < _options.MinGlyphSize || longSide > maxSize
                || longSide > _options.MaxGlyphAspect * shortSide || fill < _options.MinGlyphFill
                || (fill > _options.MaxGlyphFill && longSide < 3 * shortSide))
            {
                continue;
            }

            var inkMean = ink / (double)count;
            var (background, backgroundNoise) = Ground(left, top, right, bottom, count, ink, inkSquares);
            glyphs.Add(new Glyph(left, top, right, bottom, count, 2f * count / boundary, (float)inkMean, depth / (float)count,
                (float)Math.Sqrt(Math.Max(0, (inkSquares / (double)count) - (inkMean * inkMean))), background, backgroundNoise));
        }

        return glyphs;
    }

    /// <summary>The mean and standard deviation of the luminance in the glyph's box, grown by two pixels, less its ink.</summary>
    /// <remarks>Read pixel by pixel: only glyph-shaped components get here, and their boxes cover less of a picture than summed-area tables would cost.</remarks>
    private (float Mean, float Noise) Ground(int left, int top, int right, int bottom, int count, long ink, long inkSquares)
    {
        var x0 = Math.Max(0, left - 2);
        var y0 = Math.Max(0, top - 2);
        var x1 = Math.Min(_image.Width, right + 3);
        var y1 = Math.Min(_image.Height, bottom + 3);
        var n = ((x1 - x0) * (y1 - y0)) - count;
        if (n <= 0)
        {
            return (ink / (float)count, 0);
        }

        long sum = 0, squares = 0;
        var pixels = _image.Pixels;
        for (var y = y0; y < y1; y++)
        {
            var row = y * _image.Width;
            for (var x = x0; x < x1; x++)
            {
                int v = pixels[row + x];
                sum += v;
                squares += v * v;
            }
        }

        var mean = (sum - ink) / (double)n;
        var variance = ((squares - inkSquares) / (double)n) - (mean * mean);
        return ((float)mean, (float)Math.Sqrt(Math.Max(0, variance)));
    }

    /// <summary>Each pixel's luminance less the mean of the (2r+1)² box around it (cut at the picture's edges), by running sums down the columns and along each row.</summary>
    private static short[] LocalContrast(GreyImage image, int radius)
    {
        var width = image.Width;
        var height = image.Height;
        var pixels = image.Pixels;
        var contrast = new short[width * height];
        var columns = new int[width];
        for (var y = 0; y < Math.Min(radius, height); y++)
        {
            for (var x = 0; x < width; x++)
            {
                columns[x] += pixels[(y * width) + x];
            }
        }

        for (var y = 0; y < height; y++)
        {
            if (y + radius < height)
            {
                var add = (y + radius) * width;
                for (var x = 0; x < width; x++)
                {
                    columns[x] += pixels[add + x];
                }
            }

            if (y - radius - 1 >= 0)
            {
                var drop = (y - radius - 1) * width;
                for (var x = 0; x < width; x++)
                {
                    columns[x] -= pixels[drop + x];
                }
            }

            var rows = Math.Min(height, y + radius + 1) - Math.Max(0, y - radius);
            var sum = 0;
            for (var x = 0; x < Math.Min(radius, width); x++)
            {
                sum += columns[x];
            }

            var at = y * width;
            for (var x = 0; x < width; x++)
            {
                if (x + radius < width)
                {
                    sum += columns[x + radius];
                }

                if (x - radius - 1 >= 0)
                {
                    sum -= columns[x - radius - 1];
                }

                var area = (Math.Min(width, x + radius + 1) - Math.Max(0, x - radius)) * rows;
                contrast[at + x] = (short)(((pixels[at + x] * area) - sum) / area);
            }
        }

        return contrast;
    }
}
