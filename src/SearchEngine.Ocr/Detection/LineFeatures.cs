namespace SearchEngine.Ocr.Detection;

/// <summary>
/// What tells a chain of glyphs that is text from one that is a photo's texture, measured on its members in (along,
/// across) coordinates: the inputs of <see cref="TextLineClassifier"/>. Spreads are standard deviations; those of
/// positions and sizes are in units of the median glyph size, so a line's features do not depend on its scale.
/// </summary>
internal readonly record struct LineFeatures(
    int Glyphs,
    float Size,
    float Depth,
    float StrokeVariation,
    float InkSpread,
    float CentreSpread,
    float EdgeSpread,
    float SizeSpread,
    float Fill,
    float Length,
    float StrokeShare,
    float GapVariation,
    float Clutter,
    float InkNoise,
    float BackgroundNoise,
    float Contrast)
{
    /// <param name="members">The chain, ordered along the line.</param>
    /// <param name="others">How many glyphs of the same ink that are not members lie in the line's box.</param>
    public static LineFeatures Of(Glyph[] members, int others)
    {
        var n = members.Length;
        var size = Median(members.Select(m => (float)m.Height));
        var strokes = members.Select(m => m.Stroke).ToArray();
        var gaps = new float[n - 1];
        for (var i = 1; i < n; i++)
        {
            // The distance between neighbours' centres, which unlike the blank between them does not swing with the letters' widths.
            gaps[i - 1] = ((members[i].Left + members[i].Right) - (members[i - 1].Left + members[i - 1].Right)) / 2f;
        }

        var along = members.Max(m => m.Right) - members.Min(m => m.Left) + 1;
        return new LineFeatures(
            n,
            size,
            Median(members.Select(m => m.Depth)),
            Spread(strokes) / Math.Max(0.5f, strokes.Average()),
            Spread(members.Select(m => m.Ink).ToArray()),
            Spread(members.Select(m => (m.Top + m.Bottom) / 2f).ToArray()) / size,
            Math.Min(Spread(members.Select(m => (float)m.Top).ToArray()), Spread(members.Select(m => (float)m.Bottom).ToArray())) / size,
            Spread(members.Select(m => (float)m.Height).ToArray()) / size,
            members.Average(m => m.Pixels / (float)(m.Width * m.Height)),
            along / size,
            Median(strokes) / size,
            Spread(gaps) / Math.Max(1f, gaps.Average()),
            others / (float)n,
            Median(members.Select(m => m.InkNoise)),
            Median(members.Select(m => m.BackgroundNoise)),
            Median(members.Select(m => Math.Abs(m.Ink - m.Background))));
    }

    private static float Median(IEnumerable<float> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static float Spread(float[] values)
    {
        var mean = values.Average();
        return MathF.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
    }
}
