using SearchEngine.Core.Media;

namespace SearchEngine.Ocr.Detection;

/// <summary>
/// Finds lines of text in a picture without reading them: glyph-shaped components of ink (<see cref="GlyphComponents"/>)
/// chained with neighbours of similar size along a row or a column. A picture with no line is taken to hold no text and
/// is never handed to Tesseract, which is what makes reading a large collection affordable; the lines it finds are the
/// crops Tesseract reads, which reads them far better than a whole photo.
/// </summary>
public sealed class TextLineDetector
{
    private readonly TextDetectionOptions _options;

    /// <summary>Uses <paramref name="options"/>.</summary>
    public TextLineDetector(TextDetectionOptions options) => _options = options;

    /// <summary>The lines of text <paramref name="image"/> probably holds, in its own pixels; empty when it probably holds none.</summary>
    public IReadOnlyList<TextLine> Detect(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var grey = GreyImage.From(image, _options.MaxSide);
        var lines = new List<TextLine>();
        foreach (var darkInk in (ReadOnlySpan<bool>)[true, false])
        {
            var glyphs = GlyphComponents.Find(grey, darkInk, _options);
            Chain(glyphs, LineDirection.Horizontal, grey.Scale, lines);
            Chain(glyphs, LineDirection.Vertical, grey.Scale, lines);
        }

        return lines;
    }

    private void Chain(List<Glyph> glyphs, LineDirection direction, float scale, List<TextLine> lines)
    {
        // Work in (along, across) coordinates so one routine chains rows and columns.
        var horizontal = direction == LineDirection.Horizontal;
        var boxes = glyphs.Select(g => horizontal ? g : g with { Left = g.Top, Top = g.Left, Right = g.Bottom, Bottom = g.Right }).OrderBy(g => g.Left).ToArray();
        var parent = new int[boxes.Length];
        for (var i = 0; i < parent.Length; i++)
        {
            parent[i] = i;
        }

        var maxSize = boxes.Length == 0 ? 0 : boxes.Max(b => b.Height);
        for (var i = 0; i < boxes.Length; i++)
        {
            var a = boxes[i];
            for (var j = i + 1; j < boxes.Length && boxes[j].Left <= a.Right + (_options.MaxGap * maxSize); j++)
            {
                var b = boxes[j];
                var small = Math.Min(a.Height, b.Height);
                var large = Math.Max(a.Height, b.Height);
                var gap = b.Left - a.Right;
                var overlap = Math.Min(a.Bottom, b.Bottom) - Math.Max(a.Top, b.Top) + 1;
                if (large <= _options.MaxSizeRatio * small && gap <= _options.MaxGap * large && gap >= -0.5 * Math.Min(a.Width, b.Width)
                    && overlap >= _options.MinOverlap * small)
                {
                    parent[Find(parent, i)] = Find(parent, j);
                }
            }
        }

        foreach (var group in Enumerable.Range(0, boxes.Length).GroupBy(i => Find(parent, i)))
        {
            var members = group.Select(i => boxes[i]).ToArray();
            if (members.Length < _options.MinGlyphsPerLine)
            {
                continue;
            }

            var sizes = members.Select(m => m.Height).Order().ToArray();
            var median = sizes[sizes.Length / 2];
            var centres = members.Select(m => (m.Top + m.Bottom) / 2.0).ToArray();
            var mean = centres.Average();
            var spread = Math.Sqrt(centres.Sum(c => (c - mean) * (c - mean)) / centres.Length);
            var along = members.Max(m => m.Right) - members.Min(m => m.Left) + 1;
            var strokes = members.Select(m => (double)m.Stroke).ToArray();
            var inks = members.Select(m => (double)m.Ink).ToArray();
            var depth = members.Select(m => (double)m.Depth).Order().ElementAt(members.Length / 2);
            if (spread > _options.MaxCentreSpread * median || along < 1.5 * median
                || Spread(members.Select(m => (double)m.Bottom).ToArray()) > _options.MaxBaselineSpread * median
                || Spread(strokes) > _options.MaxStrokeVariation * strokes.Average() || Spread(inks) > _options.MaxInkSpread
                || depth < _options.MinDepth)
            {
                continue;
            }

            var left = members.Min(m => m.Left);
            var top = members.Min(m => m.Top);
            var right = members.Max(m => m.Right);
            var bottom = members.Max(m => m.Bottom);
            var (x0, y0, x1, y1) = horizontal ? (left, top, right, bottom) : (top, left, bottom, right);
            lines.Add(new TextLine((int)(x0 * scale), (int)(y0 * scale), (int)((x1 - x0 + 1) * scale), (int)((y1 - y0 + 1) * scale),
                direction, members.Length, (int)(median * scale)));
        }
    }

    private static double Spread(double[] values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
    }

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }

        return i;
    }
}
