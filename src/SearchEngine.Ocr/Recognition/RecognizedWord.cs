namespace SearchEngine.Ocr.Recognition;

/// <summary>One word read in a picture: its text, its box in the picture's pixels, and Tesseract's confidence (0–100).</summary>
/// <param name="Text">The word as read.</param>
/// <param name="Left">Left edge of the word's box, in picture pixels.</param>
/// <param name="Top">Top edge, in picture pixels.</param>
/// <param name="Width">Width, in picture pixels.</param>
/// <param name="Height">Height, in picture pixels.</param>
/// <param name="Confidence">Tesseract's confidence in the word, 0–100.</param>
/// <param name="Line">Which line of the picture the word belongs to (words of one line share it, in reading order).</param>
/// <param name="Rotation">How far the line was turned clockwise, in degrees (0, 90, 180, 270), to be read upright.</param>
public sealed record RecognizedWord(string Text, int Left, int Top, int Width, int Height, double Confidence, int Line, int Rotation);
