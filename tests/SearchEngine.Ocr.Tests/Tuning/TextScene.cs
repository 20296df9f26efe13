using SearchEngine.Core.Media;
using SkiaSharp;

namespace SearchEngine.Ocr.Tests.Tuning;

/// <summary>A photo with one line of generated text: the picture, the box the text (and its plate) covers, and how it was drawn.</summary>
internal sealed record TextScene(RgbImage Image, SKRectI Box, string Text, int Angle, float Size, string Font, string Style)
{
    public override string ToString() => $"'{Text}' {Angle}° {Size:F0}px {Path.GetFileNameWithoutExtension(Font)} {Style}";
}
