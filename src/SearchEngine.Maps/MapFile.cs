using SearchEngine.Collections;
using SearchEngine.Core;

namespace SearchEngine.Maps;

/// <summary>
/// Where a collection's map is cached: beside its index file, named by the collection and its pack's fingerprint, so a
/// collection rebound to another pack never reads a layout of the old vectors. Written atomically (temporary file, then
/// rename), so a reader sees the old map or the new one.
/// </summary>
public sealed class MapFile(CollectionIndexLoader indexes)
{
    /// <summary>The cache file of <paramref name="collection"/>'s map.</summary>
    public string PathOf(CollectionInfo collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        var pack = new string(collection.PackFingerprint.Where(char.IsAsciiLetterOrDigit).Take(16).ToArray());
        return Path.ChangeExtension(indexes.FilePathOf(collection), null) + "." + (pack.Length > 0 ? pack : "nopack") + ".map";
    }

    /// <summary>The cached map of <paramref name="collection"/>, or null when there is none or it is damaged.</summary>
    public async Task<CollectionMap?> ReadAsync(CollectionInfo collection, CancellationToken cancellationToken)
    {
        var path = PathOf(collection);
        try
        {
            return MapFormat.Decode(await File.ReadAllBytesAsync(path, cancellationToken));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>Saves <paramref name="map"/> as <paramref name="collection"/>'s cached map.</summary>
    public async Task WriteAsync(CollectionInfo collection, CollectionMap map, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(map);
        var path = PathOf(collection);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, map.Encoded, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }
}
