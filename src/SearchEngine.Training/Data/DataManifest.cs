using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SearchEngine.Training.Data;

/// <summary>One file a training run read, and what it was used for.</summary>
/// <param name="Dataset">The dataset, e.g. <c>flickr8k</c>.</param>
/// <param name="Role"><c>train</c> (gradient steps) or <c>selection</c> (model selection only).</param>
/// <param name="File">Path relative to the shared folder.</param>
public sealed record ManifestEntry(string Dataset, string Role, string File);

/// <summary>
/// The files and splits a training run used, written into the pack as <c>data-manifest.json</c> so anyone can check that
/// no benchmark file (Flickr8k test, UrbanSound8K fold 1, FSDD test) took part.
/// </summary>
public sealed class DataManifest
{
    /// <summary>Role of files that took gradient steps.</summary>
    public const string TrainRole = "train";

    /// <summary>Role of files used only to pick the best checkpoint.</summary>
    public const string SelectionRole = "selection";

    /// <summary>The file name inside a pack.</summary>
    public const string FileName = "data-manifest.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Creates a manifest of <paramref name="entries"/> and the split rules that chose them.</summary>
    public DataManifest(IReadOnlyList<ManifestEntry> entries, IReadOnlyDictionary<string, string> splits)
    {
        Entries = entries;
        Splits = splits;
    }

    /// <summary>Every file used, in a stable order.</summary>
    public IReadOnlyList<ManifestEntry> Entries { get; }

    /// <summary>Per dataset, a sentence saying which split was used how.</summary>
    public IReadOnlyDictionary<string, string> Splits { get; }

    /// <summary>SHA-256 over the entries: changes when any file or role changes.</summary>
    [JsonIgnore]
    public string Hash
    {
        get
        {
            var text = string.Join('\n', Entries.Select(e => $"{e.Dataset}\t{e.Role}\t{e.File}"));
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        }
    }

    /// <summary>Writes the manifest as JSON.</summary>
    public void Save(string path) =>
        File.WriteAllText(path, JsonSerializer.Serialize(new ManifestDocument(Hash, Splits, Entries), Json));

    /// <summary>Reads a manifest written by <see cref="Save"/>.</summary>
    public static DataManifest Load(string path)
    {
        var document = JsonSerializer.Deserialize<ManifestDocument>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"'{path}' is not a data manifest.");
        return new DataManifest(document.Entries, document.Splits);
    }

    private sealed record ManifestDocument(string Hash, IReadOnlyDictionary<string, string> Splits, IReadOnlyList<ManifestEntry> Entries);
}
