using System.Globalization;
using SearchEngine.Ocr.Detection;

namespace SearchEngine.Ocr.Tests.Tuning;

/// <summary>One candidate line of a tuning picture: which picture, whether it is the text of a text scene, and its features.</summary>
/// <param name="Picture">2 × photo index, plus 1 for the photo's text scene.</param>
/// <param name="Label">1: the line lies on the scene's text; 0: a line of a text-free photo; -1: a line of a text scene elsewhere (left out of fitting).</param>
internal sealed record LineSample(int Picture, int Label, LineFeatures Features)
{
    public bool TextPicture => Picture % 2 == 1;
}

/// <summary>
/// The candidate lines of a split's photos, each photo seen twice: as it is (its lines are negatives) and with a
/// generated text scene (its lines on the text are positives). Kept in a CSV file, because drawing and detecting is
/// the slow part of fitting.
/// </summary>
internal static class LineSamples
{
    public static List<LineSample> Load(string split, int count, string cacheFolder)
    {
        var path = Path.Combine(cacheFolder, $"lines-{split}-{count}.csv");
        if (File.Exists(path))
        {
            return File.ReadLines(path).Skip(1).Select(Parse).ToList();
        }

        var detector = new TextLineDetector(new TextDetectionOptions());
        var samples = new List<LineSample>();
        var photos = FlickrPhotos.Split(split).Take(count).ToArray();
        var unreachable = 0;
        for (var i = 0; i < photos.Length; i++)
        {
            using (var surface = FlickrPhotos.Open(photos[i]))
            {
                samples.AddRange(detector.Candidates(SignPicture.ToRgb(surface)).Select(c => new LineSample(2 * i, 0, c.Features)));
            }

            var scene = TextSceneGenerator.Draw(photos[i], DetectorMeasurement.Seed(split, i));
            var candidates = detector.Candidates(scene.Image);
            samples.AddRange(candidates.Select(c => new LineSample((2 * i) + 1, DetectorMeasurement.Overlaps(c.Line, scene.Box) ? 1 : -1, c.Features)));
            if (!candidates.Any(c => DetectorMeasurement.Overlaps(c.Line, scene.Box)))
            {
                unreachable++;
            }

            if (i % 200 == 199)
            {
                Console.Error.WriteLine($"{split}: {i + 1} photos");
            }
        }

        Console.Error.WriteLine($"{split}: {unreachable} of {photos.Length} text scenes have no candidate on their text ({unreachable / (double)photos.Length:P1})");
        Directory.CreateDirectory(cacheFolder);
        File.WriteAllLines(path, samples.Select(Format).Prepend("picture,label," + string.Join(',', typeof(LineFeatures).GetProperties().Select(p => p.Name))));
        return samples;
    }

    private static string Format(LineSample s)
    {
        var f = s.Features;
        return string.Join(',', new object[]
        {
            s.Picture, s.Label, f.Glyphs, f.Size, f.Depth, f.StrokeVariation, f.InkSpread, f.CentreSpread, f.EdgeSpread, f.SizeSpread, f.Fill,
            f.Length, f.StrokeShare, f.GapVariation, f.Clutter, f.InkNoise, f.BackgroundNoise, f.Contrast,
        }.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));
    }

    private static LineSample Parse(string row)
    {
        var v = row.Split(',').Select(x => float.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        return new LineSample((int)v[0], (int)v[1], new LineFeatures((int)v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14], v[15], v[16], v[17]));
    }
}
