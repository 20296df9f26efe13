using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SearchEngine.Embeddings.Calibration;

/// <summary>Reads and writes a pack's <c>calibration.json</c>.</summary>
public static class PackCalibrationFile
{
    // People read this file (what relevance means, how well it held): keep '→', '×' and '≈' as they are.
    private static readonly JsonSerializerOptions WriteOptions = new(CalibrationJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = CalibrationJsonContext.Default,
    };

    /// <summary>The path of the calibration file of the pack in <paramref name="packFolder"/>.</summary>
    public static string PathIn(string packFolder) => Path.Combine(packFolder, PackCalibration.FileName);

    /// <summary>
    /// The calibration of the pack in <paramref name="packFolder"/> when it has one fitted for
    /// <paramref name="packFingerprint"/>; otherwise null, with <paramref name="problem"/> saying why when a file is there
    /// but cannot be used (unreadable, or fitted for another build of the pack). No file is no problem: most packs
    /// (CLIP, CLAP, test packs) have none.
    /// </summary>
    public static PackCalibration? TryLoad(string packFolder, string packFingerprint, out string? problem)
    {
        problem = null;
        var path = PathIn(packFolder);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var calibration = new PackCalibration(Parse(File.ReadAllBytes(path)));
            if (!string.Equals(calibration.PackFingerprint, packFingerprint, StringComparison.Ordinal))
            {
                problem = $"{path} was fitted for another build of the pack (fingerprint {Short(calibration.PackFingerprint)}, the pack is {Short(packFingerprint)}); " +
                          "hits carry no relevance until it is refitted: searchengine-indexer pack calibrate --pack " + packFolder;
                return null;
            }

            return calibration;
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or IOException)
        {
            problem = $"{path} cannot be used ({e.Message}); hits carry no relevance until it is refitted: searchengine-indexer pack calibrate --pack {packFolder}";
            return null;
        }
    }

    /// <summary>Parses file contents; a malformed file is an <see cref="InvalidDataException"/> or <see cref="JsonException"/>.</summary>
    public static CalibrationDocument Parse(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, CalibrationJsonContext.Default.CalibrationDocument)
        ?? throw new InvalidDataException("the file is empty (null).");

    /// <summary>
    /// Writes <paramref name="document"/> as the calibration of the pack in <paramref name="packFolder"/>, through a
    /// temporary file renamed into place, so a reader never sees half a file. It is checked first, so an invalid map is
    /// never written.
    /// </summary>
    public static string Write(CalibrationDocument document, string packFolder)
    {
        _ = new PackCalibration(document);
        var path = PathIn(packFolder);
        var temporary = path + ".partial";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(document, (JsonTypeInfo<CalibrationDocument>)WriteOptions.GetTypeInfo(typeof(CalibrationDocument))));
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    private static string Short(string fingerprint) => fingerprint[..Math.Min(16, fingerprint.Length)];
}
