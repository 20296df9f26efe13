using SearchEngine.Core.Media;

namespace SearchEngine.Ocr.Detection;

/// <summary>
/// Finds lines of text in a picture without reading them: glyph-shaped components of ink (<see cref="GlyphComponents"/>)
/// chained with neighbours of similar size along a row or a column (<see cref="GlyphChains"/>), each chain kept when
/// <see cref="TextLineClassifier"/> takes it for text. A picture with no line is taken to hold no text and is never
/// handed to Tesseract, which is what makes reading a large collection affordable; the lines it finds are the crops
/// Tesseract reads, which reads them far better than a whole photo.
/// </summary>
public sealed class TextLineDetector
{
    private readonly TextDetectionOptions _options;

    /// <summary>Uses <paramref name="options"/>.</summary>
    public TextLineDetector(TextDetectionOptions options) => _options = options;

    /// <summary>The lines of text <paramref name="image"/> probably holds, in its own pixels; empty when it probably holds none.</summary>
    public IReadOnlyList<TextLine> Detect(RgbImage image)
    {
        var lines = new List<TextLine>();
        foreach (var candidate in Candidates(image))
        {
            if (TextLineClassifier.Score(candidate.Features) >= _options.MinLineScore)
            {
                lines.Add(candidate.Line);
            }
        }

        return lines;
    }

    /// <summary>Every chain of glyphs in <paramref name="image"/>, text or not, with its features: what the classifier is trained on.</summary>
    internal List<LineCandidate> Candidates(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var grey = GreyImage.From(image, _options.MaxSide);
        var components = new GlyphComponents(grey, _options);
        var candidates = new List<LineCandidate>();
        foreach (var darkInk in (ReadOnlySpan<bool>)[true, false])
        {
            var glyphs = components.Find(darkInk);
            foreach (var direction in (ReadOnlySpan<LineDirection>)[LineDirection.Horizontal, LineDirection.Vertical])
            {
                var horizontal = direction == LineDirection.Horizontal;
                var boxes = horizontal ? glyphs.ToArray() : glyphs.Select(Transpose).ToArray();
                foreach (var members in GlyphChains.Find(boxes, _options))
                {
                    candidates.Add(Candidate(members, boxes, direction, grey.Scale, !darkInk));
                }
            }
        }

        return candidates;
    }

    private static LineCandidate Candidate(Glyph[] members, Glyph[] all, LineDirection direction, float scale, bool lightInk)
    {
        var left = members.Min(m => m.Left);
        var top = members.Min(m => m.Top);
        var right = members.Max(m => m.Right);
        var bottom = members.Max(m => m.Bottom);
        var others = 0;
        foreach (var glyph in all)
        {
            var x = (glyph.Left + glyph.Right) / 2;
            var y = (glyph.Top + glyph.Bottom) / 2;
            if (x >= left && x <= right && y >= top && y <= bottom)
            {
                others++;
            }
        }

        var features = LineFeatures.Of(members, others - members.Length);
        var (x0, y0, x1, y1) = direction == LineDirection.Horizontal ? (left, top, right, bottom) : (top, left, bottom, right);
        var line = new TextLine((int)(x0 * scale), (int)(y0 * scale), (int)((x1 - x0 + 1) * scale), (int)((y1 - y0 + 1) * scale),
            direction, members.Length, (int)(features.Size * scale), lightInk);
        return new LineCandidate(line, features);
    }

    private static Glyph Transpose(Glyph g) => g with { Left = g.Top, Top = g.Left, Right = g.Bottom, Bottom = g.Right };
}
