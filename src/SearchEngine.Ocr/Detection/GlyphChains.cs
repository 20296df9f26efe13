namespace SearchEngine.Ocr.Detection;

/// <summary>
/// Chains glyphs into candidate lines: neighbours of similar size, ink and stroke that overlap across the line and
/// sit close along it. Glyphs come in (along, across) coordinates, so one routine chains rows and columns (a column's
/// glyphs transposed). Ink and stroke are checked at each link, because otherwise a word's letters chained through
/// the photo's shading beside them become a minority of their own chain and are pruned as its strays. Chaining is
/// still transitive, so a chain can take in a photo's blob that happens to touch the text's end; such members are
/// pruned by their distance from the chain's medians and the rest chained again, so a line's box covers its glyphs
/// only and Tesseract is not handed a crop half filled with photo.
/// </summary>
internal static class GlyphChains
{
    /// <summary>How far a glyph's stroke width may lie from its neighbour's, and a member's from its chain's median, as a ratio.</summary>
    private const double StrokeRatio = 1.8;

    /// <summary>How far a member's size across the line may lie from the chain's median, as a ratio (a capital next to an 'x' is 1.4).</summary>
    private const double SizeRatio = 1.7;

    public static List<Glyph[]> Find(Glyph[] glyphs, TextDetectionOptions options)
    {
        var sorted = glyphs.OrderBy(g => g.Left).ToArray();
        var chains = new List<Glyph[]>();
        foreach (var group in Link(sorted, options))
        {
            Prune(group, options, chains, depth: 0);
        }

        return chains;
    }

    /// <summary>Adds <paramref name="members"/> to <paramref name="chains"/>, or, when some stray from its medians, the chains the rest form without them.</summary>
    private static void Prune(Glyph[] members, TextDetectionOptions options, List<Glyph[]> chains, int depth)
    {
        if (members.Length < options.MinGlyphsPerLine)
        {
            return;
        }

        var size = Median(members, m => m.Height);
        var stroke = Median(members, m => m.Stroke);
        var ink = Median(members, m => m.Ink);
        var kept = members.Where(m => m.Height <= SizeRatio * size && m.Height * SizeRatio >= size
            && m.Stroke <= StrokeRatio * stroke && m.Stroke * StrokeRatio >= stroke
            && Math.Abs(m.Ink - ink) <= options.MaxInkDistance).ToArray();
        if (kept.Length == members.Length || depth >= 3)
        {
            chains.Add(members);
            return;
        }

        foreach (var group in Link(kept, options))
        {
            Prune(group, options, chains, depth + 1);
        }
    }

    /// <summary>The groups of <paramref name="sorted"/> (ordered by their leading edge) that neighbour links join.</summary>
    private static IEnumerable<Glyph[]> Link(Glyph[] sorted, TextDetectionOptions options)
    {
        var parent = new int[sorted.Length];
        for (var i = 0; i < parent.Length; i++)
        {
            parent[i] = i;
        }

        var maxSize = sorted.Length == 0 ? 0 : sorted.Max(b => b.Height);
        for (var i = 0; i < sorted.Length; i++)
        {
            var a = sorted[i];
            for (var j = i + 1; j < sorted.Length && sorted[j].Left <= a.Right + (options.MaxGap * maxSize); j++)
            {
                var b = sorted[j];
                var small = Math.Min(a.Height, b.Height);
                var large = Math.Max(a.Height, b.Height);
                var gap = b.Left - a.Right;
                var overlap = Math.Min(a.Bottom, b.Bottom) - Math.Max(a.Top, b.Top) + 1;
                if (large <= options.MaxSizeRatio * small && gap <= options.MaxGap * large && gap >= -0.5 * Math.Min(a.Width, b.Width)
                    && overlap >= options.MinOverlap * small && Math.Abs(a.Ink - b.Ink) <= options.MaxInkDistance
                    && Math.Max(a.Stroke, b.Stroke) <= StrokeRatio * Math.Min(a.Stroke, b.Stroke))
                {
                    parent[Root(parent, i)] = Root(parent, j);
                }
            }
        }

        return Enumerable.Range(0, sorted.Length).GroupBy(i => Root(parent, i)).Where(g => g.Count() >= options.MinGlyphsPerLine)
            .Select(g => g.Select(i => sorted[i]).ToArray());
    }

    private static float Median(Glyph[] members, Func<Glyph, float> value)
    {
        var values = members.Select(value).Order().ToArray();
        return values[values.Length / 2];
    }

    private static int Root(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }

        return i;
    }
}
