using System.Text.Json.Serialization;

namespace SearchEngine.Embeddings.Clip;

/// <summary>Source-generated JSON metadata for the CLIP towers' <c>pack.json</c> settings (camelCase, as the manifest).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(ClipImagePreprocessing))]
[JsonSerializable(typeof(ClipTokenizerSettings))]
public sealed partial class ClipJsonContext : JsonSerializerContext;
