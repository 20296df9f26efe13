using System.Globalization;
using SearchEngine.Ocr.Detection;

namespace SearchEngine.Ocr.Tests.Tuning;

/// <summary>
/// Fits <see cref="TextLineClassifier"/>'s weights on Flickr8k train photos and chooses its threshold on dev: the
/// highest at which at most the given share of dev's text scenes have no line left. Test photos are never read here. Prints the weights as the C#
/// constants the classifier holds, and the dev rates the threshold gives.
/// </summary>
internal static class ClassifierTraining
{
    public static void Run(int trainCount, int devCount, string cacheFolder, double maxMiss)
    {
        var train = LineSamples.Load("train", trainCount, cacheFolder);
        var dev = LineSamples.Load("dev", devCount, cacheFolder);
        var fitted = train.Where(s => s.Label >= 0).ToList();
        var positives = fitted.Count(s => s.Label == 1);
        var negatives = fitted.Count - positives;
        Console.WriteLine($"train: {positives} text lines, {negatives} photo lines from {trainCount} photos");

        // Each class weighs as much as the other, so the rarer text lines are not drowned by the photos' texture.
        var (weights, bias) = LogisticFit.Fit(
            fitted.Select(s => Inputs(s.Features)).ToList(),
            fitted.Select(s => s.Label).ToList(),
            fitted.Select(s => s.Label == 1 ? 0.5 / positives : 0.5 / negatives).ToList());

        // A picture is read when any one of its lines passes, so only a scene's best text line needs to pass: fitted
        // again on that one alone, the weaker duplicates of a text (the other ink, the other direction, a broken word)
        // no longer pull the boundary into the photos' texture.
        var best = fitted.Where(s => s.Label == 1).GroupBy(s => s.Picture).Select(g => g.MaxBy(s => Score(s.Features, weights, bias))!).ToHashSet();
        fitted = fitted.Where(s => s.Label == 0 || best.Contains(s)).ToList();
        (weights, bias) = LogisticFit.Fit(
            fitted.Select(s => Inputs(s.Features)).ToList(),
            fitted.Select(s => s.Label).ToList(),
            fitted.Select(s => s.Label == 1 ? 0.5 / best.Count : 0.5 / negatives).ToList());

        var threshold = Report("dev", dev, devCount, weights, bias, maxMiss);
        Report("train", train, trainCount, weights, bias, maxMiss);
        Console.WriteLine($"threshold for ≤ {maxMiss:P1} missed on dev: {threshold:R}");
        Console.WriteLine("Weights = [" + string.Join(", ", weights.Select(w => w.ToString("R", CultureInfo.InvariantCulture))) + "];");
        Console.WriteLine("Bias = " + bias.ToString("R", CultureInfo.InvariantCulture) + ";");
    }

    private static double Report(string split, List<LineSample> samples, int photos, double[] weights, double bias, double maxMiss)
    {
        // A picture's score is its best line's: the picture is read when any line passes.
        var best = new double[2 * photos];
        foreach (var s in samples)
        {
            best[s.Picture] = Math.Max(best[s.Picture], Score(s.Features, weights, bias));
        }

        var text = best.Where((_, i) => i % 2 == 1).Order().ToArray();
        var clean = best.Where((_, i) => i % 2 == 0).ToArray();
        var allowed = (int)Math.Floor(maxMiss * photos);
        var threshold = text[allowed];
        foreach (var t in (double[])[text[(int)(0.01 * photos)], text[(int)(0.02 * photos)], 0.5, threshold])
        {
            var missed = text.Count(v => v < t);
            var skipped = clean.Count(v => v < t);
            Console.WriteLine($"{split} at {t:F4}: skipped {skipped / (double)photos:P1} of text-free, missed {missed / (double)photos:P1} of text scenes");
        }

        return threshold;
    }

    private static double Score(in LineFeatures features, double[] weights, double bias)
    {
        var x = Inputs(features);
        var z = bias;
        for (var i = 0; i < x.Length; i++)
        {
            z += weights[i] * x[i];
        }

        return LogisticFit.Sigmoid(z);
    }

    private static double[] Inputs(in LineFeatures features)
    {
        var x = new double[TextLineClassifier.InputCount];
        TextLineClassifier.Inputs(features, x);
        return x;
    }
}
