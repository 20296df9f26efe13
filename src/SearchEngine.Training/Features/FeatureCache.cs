using System.Collections.Concurrent;

namespace SearchEngine.Training.Features;

/// <summary>
/// Backbone features of many files in one binary file (float16), so each file is decoded and run through its frozen
/// backbone once. The file name carries the dataset and the backbone's fingerprint: another backbone, another cache.
/// Safe for concurrent <see cref="Add"/> calls from extraction workers.
/// </summary>
public sealed class FeatureCache
{
    private const string Magic = "SEFEAT1";
    private readonly ConcurrentDictionary<string, FeatureMatrix> entries = new(StringComparer.Ordinal);

    private FeatureCache(string path, int width)
    {
        Path = path;
        Width = width;
    }

    /// <summary>The cache file.</summary>
    public string Path { get; }

    /// <summary>Columns of every matrix.</summary>
    public int Width { get; }

    /// <summary>Number of cached files.</summary>
    public int Count => entries.Count;

    /// <summary>Opens the cache at <paramref name="path"/>, reading it when it exists.</summary>
    public static FeatureCache Open(string path, int width)
    {
        var cache = new FeatureCache(path, width);
        if (File.Exists(path))
        {
            cache.Read();
        }

        return cache;
    }

    /// <summary>The features of <paramref name="key"/>, when cached.</summary>
    public bool TryGet(string key, out FeatureMatrix features) => entries.TryGetValue(key, out features!);

    /// <summary>The features of <paramref name="key"/>; throws naming the key when absent.</summary>
    public FeatureMatrix Get(string key) => entries.TryGetValue(key, out var features)
        ? features
        : throw new KeyNotFoundException($"'{key}' has no features in '{Path}'; its extraction failed or never ran.");

    /// <summary>Adds or replaces the features of <paramref name="key"/>.</summary>
    public void Add(string key, FeatureMatrix features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Width != Width)
        {
            throw new ArgumentException($"Features of '{key}' are {features.Width} wide; this cache holds {Width}.", nameof(features));
        }

        entries[key] = features;
    }

    /// <summary>Writes every entry (to a temporary file first, so a crash never leaves a torn cache).</summary>
    public void Save()
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var temporary = Path + ".tmp";
        using (var writer = new BinaryWriter(File.Create(temporary)))
        {
            writer.Write(Magic);
            writer.Write(Width);
            // ConcurrentDictionary.ToArray is an atomic snapshot; LINQ over the dictionary races with concurrent Adds.
            var snapshot = entries.ToArray();
            Array.Sort(snapshot, (a, b) => string.CompareOrdinal(a.Key, b.Key));
            writer.Write(snapshot.Length);
            foreach (var (key, matrix) in snapshot)
            {
                writer.Write(key);
                writer.Write(matrix.Rows);
                foreach (var value in matrix.Values)
                {
                    writer.Write((Half)value);
                }
            }
        }

        File.Move(temporary, Path, overwrite: true);
    }

    private void Read()
    {
        using var reader = new BinaryReader(new BufferedStream(File.OpenRead(Path), 1 << 20));
        if (reader.ReadString() != Magic || reader.ReadInt32() != Width)
        {
            throw new InvalidDataException($"'{Path}' is not a feature cache of width {Width}; delete it to rebuild.");
        }

        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            var key = reader.ReadString();
            var rows = reader.ReadInt32();
            var values = new float[rows * Width];
            for (var v = 0; v < values.Length; v++)
            {
                values[v] = (float)reader.ReadHalf();
            }

            entries[key] = new FeatureMatrix(rows, Width, values);
        }
    }
}
