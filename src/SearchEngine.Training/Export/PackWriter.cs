using System.Text.Json;
using SearchEngine.Embeddings.Offline;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Training.Data;
using SearchEngine.Training.Model;

namespace SearchEngine.Training.Export;

/// <summary>
/// Writes a trained offline pack: the three head graphs, <c>pack.json</c> (the Embeddings offline manifest, so the
/// pack loads like any other), <c>data-manifest.json</c> and <c>training.json</c>. The pack is assembled in a sibling
/// folder and moved into place, so a crash never leaves a half-written pack that looks complete.
/// </summary>
public static class PackWriter
{
    /// <summary>The training record's file name in a pack.</summary>
    public const string RecordFile = "training.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static readonly string[] RequiredFiles =
        [PackManifest.FileName, DataManifest.FileName, RecordFile, HeadExporter.ImageFile, HeadExporter.AudioFile, HeadExporter.TextFile];

    /// <summary>Writes the pack into <paramref name="folder"/>, replacing what was there.</summary>
    public static void Write(string folder, TrainingPipelineOptions options, ContrastiveModel model, ConceptBridge? bridge, DataManifest manifest, TrainingRecord record)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(manifest);
        var staging = folder.TrimEnd(Path.DirectorySeparatorChar) + ".partial";
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        Directory.CreateDirectory(staging);
        HeadExporter.SaveAll(model, staging, bridge);
        // With the bridge every vector also carries its 384-d concept (or sentence) part.
        var dimension = model.Shape.Dimension + (bridge is null ? 0 : BackboneWidths.Sentence);
        var packManifest = OfflinePack.CreateManifest(dimension, options.PackId, options.PackVersion);
        PackManifestFile.Write(bridge is null ? packManifest : packManifest with { LearnedDimension = model.Shape.Dimension }, staging);
        manifest.Save(Path.Combine(staging, DataManifest.FileName));
        File.WriteAllText(Path.Combine(staging, RecordFile), JsonSerializer.Serialize(record, Json));

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.Move(staging, folder);
    }

    /// <summary>True when <paramref name="folder"/> holds every pack file and was trained with <paramref name="configHash"/>.</summary>
    public static bool IsComplete(string folder, string configHash)
    {
        if (!RequiredFiles.All(f => File.Exists(Path.Combine(folder, f))))
        {
            return false;
        }

        try
        {
            using var record = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, RecordFile)));
            return record.RootElement.TryGetProperty("config_hash", out var hash) && hash.GetString() == configHash;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
