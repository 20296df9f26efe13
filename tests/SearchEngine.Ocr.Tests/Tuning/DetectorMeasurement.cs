using System.Diagnostics;
using SearchEngine.Core.Media;
using SearchEngine.Ocr.Detection;
using SkiaSharp;

namespace SearchEngine.Ocr.Tests.Tuning;

/// <summary>
/// The presence check's two rates on one split: text-free photos the detector finds no line on (skipped, the more
/// the better) and generated text pictures it finds no line on (missed), with the detector's time a picture.
/// </summary>
internal static class DetectorMeasurement
{
    public static void Run(TextLineDetector detector, string split, int count, int variant, string? dumpFolder)
    {
        var photos = FlickrPhotos.Split(split).Take(count).ToArray();
        var clock = new Stopwatch();
        var skipped = 0;
        var missed = 0;
        var misplaced = 0;
        var misses = new List<string>();
        for (var i = 0; i < photos.Length; i++)
        {
            using (var surface = FlickrPhotos.Open(photos[i]))
            {
                var image = SignPicture.ToRgb(surface);
                var found = Time(detector, image, clock);
                if (found.Count == 0)
                {
                    skipped++;
                }
                else if (dumpFolder is not null)
                {
                    Save(Outlined(image, found), Path.Combine(dumpFolder, $"kept-{i}.png"));
                }
            }

            var scene = TextSceneGenerator.Draw(photos[i], Seed(split, i, variant));
            var lines = Time(detector, scene.Image, clock);
            if (lines.Count == 0)
            {
                missed++;
                misses.Add($"{photos[i]} {scene}");
                if (dumpFolder is not null)
                {
                    Save(scene.Image, Path.Combine(dumpFolder, $"miss-{i}.png"));
                }
            }
            else if (!lines.Any(l => Overlaps(l, scene.Box)))
            {
                misplaced++;
            }
        }

        foreach (var miss in misses)
        {
            Console.WriteLine($"missed: {miss}");
        }

        var n = (double)photos.Length;
        Console.WriteLine($"{split}, {photos.Length} photos, text variant {variant}: skipped {skipped} of the text-free ({skipped / n:P1}); missed {missed} of the text pictures ({missed / n:P1}), "
            + $"another {misplaced} found only elsewhere ({misplaced / n:P1}); detector {clock.Elapsed.TotalMilliseconds / (2 * n):F1} ms a picture");
    }

    /// <summary>Lists (and saves) the text scenes where no chain of glyphs lies on the text at all, which no classifier can find.</summary>
    public static void Unreached(TextLineDetector detector, string split, int count, string dumpFolder)
    {
        var photos = FlickrPhotos.Split(split).Take(count).ToArray();
        for (var i = 0; i < photos.Length; i++)
        {
            var scene = TextSceneGenerator.Draw(photos[i], Seed(split, i));
            if (!detector.Candidates(scene.Image).Any(c => Overlaps(c.Line, scene.Box)))
            {
                Console.WriteLine($"unreached {i}: {photos[i]} {scene}");
                Save(scene.Image, Path.Combine(dumpFolder, $"unreached-{i}.png"));
            }
        }
    }

    /// <summary>
    /// The seed of the text scene drawn on photo <paramref name="index"/> of <paramref name="split"/>; the splits' seeds
    /// never meet. Variant 0 is what the classifier is fitted and its threshold chosen on; another variant draws other
    /// text on the same photos, a second look at the rates.
    /// </summary>
    public static int Seed(string split, int index, int variant = 0) => (split switch { "train" => 1, "dev" => 2, _ => 3 } * 1_000_003) + (variant * 10_007) + index;

    public static bool Overlaps(TextLine line, SKRectI box)
    {
        var overlap = SKRectI.Intersect(SKRectI.Inflate(box, 4, 4), new SKRectI(line.Left, line.Top, line.Left + line.Width, line.Top + line.Height));
        return !overlap.IsEmpty && overlap.Width * overlap.Height >= 0.5 * line.Width * line.Height;
    }

    public static void Save(RgbImage image, string path)
    {
        using var bitmap = new SKBitmap(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        var rgba = bitmap.GetPixelSpan();
        for (int i = 0, o = 0; i < image.Pixels.Length; i += 3, o += 4)
        {
            rgba[o] = image.Pixels[i];
            rgba[o + 1] = image.Pixels[i + 1];
            rgba[o + 2] = image.Pixels[i + 2];
            rgba[o + 3] = 255;
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 90);
        File.WriteAllBytes(path, data.ToArray());
    }

    /// <summary>A copy of <paramref name="image"/> with <paramref name="lines"/> outlined in red, to see what the detector took for text.</summary>
    private static RgbImage Outlined(RgbImage image, IReadOnlyList<TextLine> lines)
    {
        var pixels = (byte[])image.Pixels.Clone();
        foreach (var line in lines)
        {
            for (var y = line.Top; y < line.Top + line.Height; y++)
            {
                for (var x = line.Left; x < line.Left + line.Width; x++)
                {
                    if (x == line.Left || y == line.Top || x == line.Left + line.Width - 1 || y == line.Top + line.Height - 1)
                    {
                        var at = ((y * image.Width) + x) * 3;
                        (pixels[at], pixels[at + 1], pixels[at + 2]) = ((byte)255, (byte)0, (byte)0);
                    }
                }
            }
        }

        return new RgbImage(image.Width, image.Height, pixels);
    }

    private static IReadOnlyList<TextLine> Time(TextLineDetector detector, RgbImage image, Stopwatch clock)
    {
        clock.Start();
        var lines = detector.Detect(image);
        clock.Stop();
        return lines;
    }
}
