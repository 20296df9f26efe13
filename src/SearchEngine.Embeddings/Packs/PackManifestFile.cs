using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SearchEngine.Embeddings.Packs;

/// <summary>Reads, validates and writes <c>pack.json</c>.</summary>
public static class PackManifestFile
{
    // Manifests are read by people: keep '+' and non-ASCII characters as they are instead of \uXXXX escapes.
    private static readonly JsonSerializerOptions WriteOptions = new(PackJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = PackJsonContext.Default,
    };

    /// <summary>
    /// Reads and validates the manifest of the pack in <paramref name="packFolder"/>. Errors are
    /// <see cref="PackLoadException"/>s that name the file and the entry at fault.
    /// </summary>
    public static PackManifest Read(string packFolder)
    {
        var path = Path.Combine(packFolder, PackManifest.FileName);
        if (!File.Exists(path))
        {
            throw new PackLoadException($"'{Path.GetFullPath(packFolder)}' is not a model pack: it has no {PackManifest.FileName}.");
        }

        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Parses and validates manifest bytes; <paramref name="source"/> names them in errors.</summary>
    public static PackManifest Parse(ReadOnlySpan<byte> json, string source)
    {
        PackManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(json, PackJsonContext.Default.PackManifest);
        }
        catch (JsonException e)
        {
            throw new PackLoadException($"{source} is not a valid pack manifest: {e.Message}", e);
        }

        if (manifest is null)
        {
            throw new PackLoadException($"{source} is empty (null); it must be a JSON object.");
        }

        Validate(manifest, source);
        return manifest;
    }

    /// <summary>Writes <paramref name="manifest"/> as <c>pack.json</c> into <paramref name="packFolder"/> (creating it).</summary>
    public static string Write(PackManifest manifest, string packFolder)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        Validate(manifest, "manifest");
        Directory.CreateDirectory(packFolder);
        var path = Path.Combine(packFolder, PackManifest.FileName);
        File.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(manifest, (JsonTypeInfo<PackManifest>)WriteOptions.GetTypeInfo(typeof(PackManifest))));
        return path;
    }

    /// <summary>Every file reference of the manifest with a description of who uses it, in a stable order.</summary>
    public static IReadOnlyList<(string Reference, string UsedBy)> FileReferences(PackManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var references = new List<(string, string)>();
        foreach (var (slot, tower) in manifest.Towers.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            foreach (var (role, model) in tower.Models.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                references.Add((model.File, $"tower '{slot}' model '{role}'"));
            }

            foreach (var (role, file) in (tower.Tokenizer?.Files ?? new Dictionary<string, string>()).OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                references.Add((file, $"tower '{slot}' tokenizer file '{role}'"));
            }

            foreach (var (role, file) in (tower.Files ?? new Dictionary<string, string>()).OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                references.Add((file, $"tower '{slot}' file '{role}'"));
            }
        }

        return references;
    }

    private static void Validate(PackManifest manifest, string source)
    {
        if (string.IsNullOrWhiteSpace(manifest.Id) || !manifest.Id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.' or '_'))
        {
            throw new PackLoadException($"{source}: \"id\" '{manifest.Id}' must be non-empty and use only lower-case letters, digits, '-', '.' and '_'.");
        }

        if (string.IsNullOrWhiteSpace(manifest.Version))
        {
            throw new PackLoadException($"{source}: pack '{manifest.Id}' has an empty \"version\".");
        }

        if (manifest.LearnedDimension is { } learned && (learned <= 0 || learned > manifest.Dimension))
        {
            throw new PackLoadException($"{source}: pack '{manifest.Id}' has \"learnedDimension\" {learned}; it must be positive and at most \"dimension\" ({manifest.Dimension}).");
        }

        if (manifest.Dimension <= 0)
        {
            throw new PackLoadException($"{source}: pack '{manifest.Id}' has \"dimension\" {manifest.Dimension}; it must be positive.");
        }

        if (manifest.Similarity is not null && manifest.Similarity != "cosine")
        {
            throw new PackLoadException($"{source}: pack '{manifest.Id}' has \"similarity\" '{manifest.Similarity}'; only 'cosine' is supported.");
        }

        if (manifest.Towers.Count == 0)
        {
            throw new PackLoadException($"{source}: pack '{manifest.Id}' has no towers; give at least one of {string.Join(", ", PackManifest.TowerSlots)}.");
        }

        foreach (var (slot, tower) in manifest.Towers)
        {
            if (!PackManifest.TowerSlots.Contains(slot))
            {
                throw new PackLoadException(
                    $"{source}: pack '{manifest.Id}' has unknown tower kind '{slot}'; towers are {string.Join(", ", PackManifest.TowerSlots)}.");
            }

            if (string.IsNullOrWhiteSpace(tower.Type))
            {
                throw new PackLoadException($"{source}: pack '{manifest.Id}' tower '{slot}' has no \"type\".");
            }

            if (tower.Models.Count == 0)
            {
                throw new PackLoadException($"{source}: pack '{manifest.Id}' tower '{slot}' lists no \"models\".");
            }

            if (tower.BatchSize is <= 0)
            {
                throw new PackLoadException($"{source}: pack '{manifest.Id}' tower '{slot}' has \"batchSize\" {tower.BatchSize}; it must be positive.");
            }
        }
    }
}
