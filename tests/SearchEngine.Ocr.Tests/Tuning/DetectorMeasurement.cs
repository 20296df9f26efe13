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
    public static void Run(TextLineDetector detector, string split, int count, string? dumpFolder)
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
                if (Time(detector, image, clock).Count == 0)
                {
                    skipped++;
                }
            }

            var scene = TextSceneGenerator.Draw(photos[i], Seed(split, i));
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
        Console.WriteLine($"{split}, {photos.Length} photos: skipped {skipped} of the text-free ({skipped / n:P1}); missed {missed} of the text pictures ({missed / n:P1}), "
            + $"another {misplaced} found only elsewhere ({misplaced / n:P1}); detector {clock.Elapsed.TotalMilliseconds / (2 * n):F1} ms a picture");
    }

    /// <summary>The seed of the text scene drawn on photo <paramref name="index"/> of <paramref name="split"/>; the splits' seeds never meet.</summary>
    public static int Seed(string split, int index) => (split switch { "train" => 1, "dev" => 2, _ => 3 } * 1_000_003) + index;

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

    private static IReadOnlyList<TextLine> Time(TextLineDetector detector, RgbImage image, Stopwatch clock)
    {
        clock.Start();
        var lines = detector.Detect(image);
        clock.Stop();
        return lines;
    }
}
