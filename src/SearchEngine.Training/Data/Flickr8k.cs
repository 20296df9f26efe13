using SearchEngine.Core;

namespace SearchEngine.Training.Data;

/// <summary>One Flickr8k image and its five captions.</summary>
/// <param name="Name">The file name, e.g. <c>1000268201_693b08cb0e.jpg</c>.</param>
/// <param name="RelativePath">Path relative to the shared folder.</param>
/// <param name="Captions">The captions, in caption number order.</param>
public sealed record Flickr8kImage(string Name, string RelativePath, IReadOnlyList<string> Captions);

/// <summary>
/// The Flickr8k image–caption dataset in the shared folder, with its official train / dev / test splits.
/// Test is the benchmark: training code asks only for <see cref="Flickr8kSplit.Train"/> and <see cref="Flickr8kSplit.Dev"/>.
/// </summary>
public sealed class Flickr8k
{
    /// <summary>The dataset folder relative to the shared folder.</summary>
    public const string Folder = "datasets/flickr8k";

    private readonly Dictionary<string, List<string>> captions;
    private readonly SharedData shared;

    private Flickr8k(SharedData shared, Dictionary<string, List<string>> captions)
    {
        this.shared = shared;
        this.captions = captions;
    }

    /// <summary>Reads <c>captions.tsv</c>.</summary>
    public static Flickr8k Load(SharedData shared)
    {
        ArgumentNullException.ThrowIfNull(shared);
        var table = TsvTable.Read(shared.Require($"{Folder}/captions.tsv"));
        int image = table.Column("image"), number = table.Column("caption_no"), caption = table.Column("caption");
        var captions = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var row in table.Rows.OrderBy(r => r[image], StringComparer.Ordinal).ThenBy(r => int.Parse(r[number])))
        {
            if (!captions.TryGetValue(row[image], out var list))
            {
                captions[row[image]] = list = [];
            }

            list.Add(row[caption]);
        }

        return new Flickr8k(shared, captions);
    }

    /// <summary>The images of <paramref name="split"/>, in the split file's order.</summary>
    public IReadOnlyList<Flickr8kImage> Split(Flickr8kSplit split)
    {
        var name = split.ToString().ToLowerInvariant();
        var path = shared.Require($"{Folder}/splits/{name}.txt");
        var images = new List<Flickr8kImage>();
        foreach (var line in File.ReadLines(path))
        {
            var file = line.Trim();
            if (file.Length == 0)
            {
                continue;
            }

            if (!captions.TryGetValue(file, out var list))
            {
                throw new InvalidDataException($"'{path}' lists '{file}', which has no captions in captions.tsv.");
            }

            images.Add(new Flickr8kImage(file, $"{Folder}/images/{file[..2]}/{file}", list));
        }

        return images;
    }
}

/// <summary>The official Flickr8k splits (Hodosh et al. 2013).</summary>
public enum Flickr8kSplit
{
    /// <summary>6,000 training images.</summary>
    Train,

    /// <summary>1,000 images for model selection.</summary>
    Dev,

    /// <summary>1,000 benchmark images: evaluation only.</summary>
    Test,
}
