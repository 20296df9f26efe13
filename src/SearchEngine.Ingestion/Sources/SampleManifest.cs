using System.Globalization;
using System.Text;
using SearchEngine.Core;

namespace SearchEngine.Ingestion.Sources;

/// <summary>
/// The manifest of the bundled sample data for demo search: the Flickr8k test split's images with their first caption,
/// and UrbanSound8K fold 1's clips with their class as title. Both are evaluation splits (never used for training), so
/// indexing them for demos is fine. Paths point into the shared folder; nothing is copied.
/// </summary>
public static class SampleManifest
{
    /// <summary>Writes the manifest (TSV: path, caption, title, dataset) to <paramref name="path"/> and returns the number of rows.</summary>
    public static int Write(SharedData shared, string path)
    {
        ArgumentNullException.ThrowIfNull(shared);
        var flickr = shared.Require("datasets/flickr8k");
        var urban = shared.Require("datasets/urbansound8k");
        var captions = FirstCaptions(Path.Combine(flickr, "captions.tsv"));

        var rows = 0;
        var temporary = path + ".tmp";
        using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(false)))
        {
            writer.WriteLine("path\tcaption\ttitle\tdataset");
            foreach (var image in File.ReadLines(Path.Combine(flickr, "splits", "test.txt")))
            {
                var name = image.Trim();
                if (name.Length == 0)
                {
                    continue;
                }

                var file = Path.Combine(flickr, "images", name[..2], name);
                writer.WriteLine($"{file}\t{Clean(captions.GetValueOrDefault(name))}\t\tflickr8k-test");
                rows++;
            }

            foreach (var line in File.ReadLines(Path.Combine(urban, "labels.tsv")).Skip(1))
            {
                var fields = line.Split('\t');
                if (fields.Length >= 4 && fields[1] == "1")
                {
                    writer.WriteLine($"{Path.Combine(urban, fields[0])}\t\t{Clean(fields[3])}\turbansound8k-fold1");
                    rows++;
                }
            }
        }

        File.Move(temporary, path, overwrite: true);
        return rows;
    }

    private static Dictionary<string, string> FirstCaptions(string captionsFile)
    {
        var captions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(captionsFile).Skip(1))
        {
            var fields = line.Split('\t');
            if (fields.Length >= 3 && int.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number == 0)
            {
                captions.TryAdd(fields[0], fields[2]);
            }
        }

        return captions;
    }

    private static string Clean(string? value) => value is null ? "" : value.Replace('\t', ' ').Replace('\n', ' ').Trim();
}
