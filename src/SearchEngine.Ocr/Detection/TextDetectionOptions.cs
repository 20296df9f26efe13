namespace SearchEngine.Ocr.Detection;

/// <summary>
/// The text-line detector's thresholds (configuration section <c>Ocr:Detection</c>). The defaults were chosen on
/// Flickr8k dev photos with generated text (docs/ocr.md); the detector decides which pictures are read at
/// all, so looser settings miss less text and skip fewer pictures. The line classifier's weights were fitted on the
/// chains these glyph and chaining settings make: change one of those and refit it (<see cref="MinLineScore"/> alone
/// can be moved freely).
/// </summary>
public sealed class TextDetectionOptions
{
    /// <summary>The longer side of the working copy; larger pictures are box-filtered down to it first.</summary>
    public int MaxSide { get; set; } = 800;

    /// <summary>How much darker (or lighter) than its neighbourhood's mean a pixel must be to count as ink, in 8-bit luminance.</summary>
    public int Contrast { get; set; } = 30;

    /// <summary>The neighbourhood is a box whose half-side is the working copy's longer side over this.</summary>
    public int NeighbourhoodDivisor { get; set; } = 40;

    /// <summary>The fewest ink pixels a glyph has.</summary>
    public int MinGlyphPixels { get; set; } = 10;

    /// <summary>The smallest glyph, its longer side in working pixels.</summary>
    public int MinGlyphSize { get; set; } = 7;

    /// <summary>The most a glyph's longer side may exceed its shorter one (an 'I' is thin, a rule or a fence post thinner).</summary>
    public double MaxGlyphAspect { get; set; } = 8;

    /// <summary>The least share of its box a glyph's ink fills.</summary>
    public double MinGlyphFill { get; set; } = 0.12;

    /// <summary>The most share of its box a glyph's ink fills (a solid block is a plate, not a letter; a solid bar three times as long as it is wide is an 'I', an 'l' or a '1' and is kept whatever its fill).</summary>
    public double MaxGlyphFill { get; set; } = 0.92;

    /// <summary>The fewest glyphs a line has (three: a short word such as "BUS", or a longer one whose letters touch).</summary>
    public int MinGlyphsPerLine { get; set; } = 3;

    /// <summary>The most two neighbouring glyphs' sizes across the line may differ, as a ratio.</summary>
    public double MaxSizeRatio { get; set; } = 2.0;

    /// <summary>The widest gap between neighbouring glyphs of a line, in glyph sizes (a word space is about 0.3).</summary>
    public double MaxGap { get; set; } = 1.0;

    /// <summary>The least overlap of neighbouring glyphs across the line, as a share of the smaller one's size.</summary>
    public double MinOverlap { get; set; } = 0.5;

    /// <summary>The most two neighbouring glyphs' mean luminance may differ for them to be chained, and a member's from its chain's median before it is pruned as a stray, in 8-bit levels.</summary>
    public double MaxInkDistance { get; set; } = 45;

    /// <summary>
    /// The least score (0–1) the line classifier gives a chain for it to be a line: set where 1.5 % of dev's generated
    /// text scenes are left with no line, which skips 82 % of dev's photos. Lower misses less text and reads more photos.
    /// </summary>
    public double MinLineScore { get; set; } = 0.170;
}
