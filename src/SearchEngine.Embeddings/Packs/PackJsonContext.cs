using System.Text.Json.Serialization;

namespace SearchEngine.Embeddings.Packs;

/// <summary>Source-generated JSON metadata for <c>pack.json</c> (camelCase, comments and trailing commas allowed).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(PackManifest))]
public sealed partial class PackJsonContext : JsonSerializerContext;
