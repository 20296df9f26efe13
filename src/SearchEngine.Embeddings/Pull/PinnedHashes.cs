namespace SearchEngine.Embeddings.Pull;

/// <summary>
/// The SHA-256 of each file a pull downloaded, kept in the pack folder as <c>sha256sums.txt</c> (<c>sha256sum</c>'s
/// format, so <c>sha256sum -c</c> checks a pack by hand). Files without a published hash are pinned here on their
/// first download; a later download that differs is refused.
/// </summary>
public static class PinnedHashes
{
    /// <summary>The file name inside a pack folder.</summary>
    public const string FileName = "sha256sums.txt";

    /// <summary>Reads the pins of <paramref name="packFolder"/> (path → hash); empty when there are none.</summary>
    public static Dictionary<string, string> Read(string packFolder)
    {
        var pins = new Dictionary<string, string>(StringComparer.Ordinal);
        var path = Path.Combine(packFolder, FileName);
        if (!File.Exists(path))
        {
            return pins;
        }

        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split("  ", 2, StringSplitOptions.None);
            if (parts.Length == 2 && parts[0].Length == 64)
            {
                pins[parts[1]] = parts[0];
            }
        }

        return pins;
    }

    /// <summary>Writes <paramref name="pins"/> to <paramref name="packFolder"/>.</summary>
    public static void Write(string packFolder, IReadOnlyDictionary<string, string> pins)
    {
        ArgumentNullException.ThrowIfNull(pins);
        var lines = pins.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Value}  {p.Key}");
        File.WriteAllLines(Path.Combine(packFolder, FileName), lines);
    }
}
