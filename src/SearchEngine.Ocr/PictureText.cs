using SearchEngine.Ocr.Detection;
using SearchEngine.Ocr.Recognition;

namespace SearchEngine.Ocr;

/// <summary>What was read in one picture: the lines the presence check found and the words Tesseract read in them.</summary>
/// <param name="Lines">Detected text lines; empty when the presence check found no text (Tesseract did not run).</param>
/// <param name="Words">Words read with enough confidence, in reading order within each line.</param>
public sealed record PictureText(IReadOnlyList<TextLine> Lines, IReadOnlyList<RecognizedWord> Words)
{
    /// <summary>No text found.</summary>
    public static PictureText None { get; } = new([], []);

    /// <summary>The words as text: a line's words joined by spaces, lines top to bottom joined by line breaks.</summary>
    public string Text => string.Join('\n', Words
        .GroupBy(w => w.Line)
        .OrderBy(g => g.Min(w => w.Top)).ThenBy(g => g.Min(w => w.Left))
        .Select(g => string.Join(' ', g.Select(w => w.Text))));
}

/// <summary>One picture's reading in a batch: its text, or why Tesseract failed on it.</summary>
/// <param name="Text">What was read; null when reading failed.</param>
/// <param name="Error">Why reading failed (crash, memory or time limit); null when it did not.</param>
public sealed record PictureReading(PictureText? Text, string? Error);
