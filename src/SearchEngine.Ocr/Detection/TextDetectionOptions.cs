namespace SearchEngine.Ocr.Detection;

/// <summary>
/// The text-line detector's thresholds (configuration section <c>Ocr:Detection</c>). The defaults were chosen on
/// Flickr8k dev photos with generated text (docs/ocr.md); the detector decides which pictures are read at all, so
/// looser settings miss less text and skip fewer pictures.
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

    /// <summary>The most share of its box a glyph's ink fills (a solid block is a plate, not a letter).</summary>
    public double MaxGlyphFill { get; set; } = 0.92;

    /// <summary>The fewest glyphs a line has.</summary>
    public int MinGlyphsPerLine { get; set; } = 4;

    /// <summary>The most two neighbouring glyphs' sizes across the line may differ, as a ratio.</summary>
    public double MaxSizeRatio { get; set; } = 2.0;

    /// <summary>The widest gap between neighbouring glyphs of a line, in glyph sizes (a word space is about 0.3).</summary>
    public double MaxGap { get; set; } = 1.0;

    /// <summary>The least overlap of neighbouring glyphs across the line, as a share of the smaller one's size.</summary>
    public double MinOverlap { get; set; } = 0.5;

    /// <summary>The most the glyphs' stroke widths may vary along a line, as a coefficient of variation.</summary>
    public double MaxStrokeVariation { get; set; } = 0.35;

    /// <summary>The most the glyphs' mean luminance may vary along a line (standard deviation, 8-bit).</summary>
    public double MaxInkSpread { get; set; } = 40;

    /// <summary>The most the glyphs' centres may stray from the line's centre line, as a share of the median glyph size.</summary>
    public double MaxCentreSpread { get; set; } = 0.4;

    /// <summary>The most the glyphs' far edges (a row's baseline) may stray, as a share of the median glyph size.</summary>
    public double MaxBaselineSpread { get; set; } = 0.25;

    /// <summary>The least median <c>depth</c> of a line's glyphs: how far, on average, their ink lies from the neighbourhood's mean (8-bit).</summary>
    public double MinDepth { get; set; } = 55;
}
