namespace SearchEngine.Ocr.Detection;

/// <summary>Which way a detected line of glyphs runs: along the picture's rows, or along its columns (text turned 90° either way).</summary>
public enum LineDirection
{
    /// <summary>Glyphs side by side along a row: upright or upside-down text.</summary>
    Horizontal,

    /// <summary>Glyphs one above another along a column: text turned a quarter either way.</summary>
    Vertical,
}

/// <summary>A run of glyph-like shapes that probably is a line of text, in the picture's pixels.</summary>
/// <param name="Left">Left edge, in picture pixels.</param>
/// <param name="Top">Top edge, in picture pixels.</param>
/// <param name="Width">Width, in picture pixels.</param>
/// <param name="Height">Height, in picture pixels.</param>
/// <param name="Direction">Which way the glyphs run.</param>
/// <param name="Glyphs">How many glyph-like shapes were chained.</param>
/// <param name="GlyphSize">The median glyph size across the line's direction (its text height), in picture pixels.</param>
/// <param name="LightInk">Whether the glyphs are lighter than what surrounds them (white letters), not darker.</param>
public sealed record TextLine(int Left, int Top, int Width, int Height, LineDirection Direction, int Glyphs, int GlyphSize, bool LightInk = false);
