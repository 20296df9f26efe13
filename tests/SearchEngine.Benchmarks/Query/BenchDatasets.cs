using SearchEngine.Core;

namespace SearchEngine.Benchmarks.Query;

/// <summary>One Flickr8k image with its five captions (caption_no 0–4).</summary>
internal sealed record CaptionedImage(string Name, string Path, string[] Captions);

/// <summary>One UrbanSound8K clip with its class.</summary>
internal sealed record LabelledClip(string Name, string Path, string Class);

/// <summary>The shared data sets the query benchmarks read (through <see cref="SharedData"/>, never copied).</summary>
internal static class BenchDatasets
{
    /// <summary>The images of a Flickr8k split ("train", "dev" or "test") with their captions, in split-file order.</summary>
    public static IReadOnlyList<CaptionedImage> Flickr8k(string split)
    {
        var captions = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(SharedData.Default.Require("datasets/flickr8k/captions.tsv")).Skip(1))
        {
            var fields = line.Split('\t');
            if (!captions.TryGetValue(fields[0], out var five))
            {
                captions[fields[0]] = five = new string[5];
            }

            five[int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture)] = fields[2];
        }

        return File.ReadAllLines(SharedData.Default.Require($"datasets/flickr8k/splits/{split}.txt"))
            .Where(l => l.Length > 0)
            .Select(f => new CaptionedImage(f, SharedData.Default.Require($"datasets/flickr8k/images/{f[..2]}/{f}"), captions[f]))
            .ToList();
    }

    /// <summary>The clips of one UrbanSound8K fold.</summary>
    public static IReadOnlyList<LabelledClip> UrbanSound8k(int fold) =>
        File.ReadAllLines(SharedData.Default.Require("datasets/urbansound8k/labels.tsv")).Skip(1)
            .Select(l => l.Split('\t'))
            .Where(f => f[1] == fold.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Select(f => new LabelledClip(f[0], SharedData.Default.Require($"datasets/urbansound8k/{f[0]}"), f[3]))
            .ToList();
}
