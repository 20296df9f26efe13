namespace SearchEngine.Ocr.Detection;

/// <summary>One connected run of ink pixels: its bounding box and pixel count, in working pixels, and how its ink looks.</summary>
/// <remarks>
/// <see cref="Stroke"/> estimates the stroke width as 2 × area / perimeter (exact for a long bar); a font's letters
/// share it, a photo's blobs less so. <see cref="Ink"/> is the component's mean luminance: a line's letters share a
/// colour. <see cref="Depth"/> is how far the ink lies from its neighbourhood's mean on average: text is made to be
/// read, so it stands out further than the texture of leaves, water or fabric, the detector's usual false alarms.
/// <see cref="InkNoise"/> and <see cref="BackgroundNoise"/> are the luminance's standard deviations over the ink and
/// over the rest of the glyph's box (grown by two pixels): letters are painted in one colour, often on a plain
/// ground, where a photo's blobs are shaded and lie among other detail.
/// </remarks>
internal readonly record struct Glyph(
    int Left, int Top, int Right, int Bottom, int Pixels, float Stroke, float Ink, float Depth, float InkNoise, float Background, float BackgroundNoise)
{
    public int Width => Right - Left + 1;

    public int Height => Bottom - Top + 1;
}
