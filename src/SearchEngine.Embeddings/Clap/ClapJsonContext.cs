using System.Text.Json.Serialization;

namespace SearchEngine.Embeddings.Clap;

/// <summary>Source-generated JSON metadata for the CLAP towers' <c>pack.json</c> settings (camelCase, as the manifest).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(ClapAudioPreprocessing))]
[JsonSerializable(typeof(ClapTokenizerSettings))]
public sealed partial class ClapJsonContext : JsonSerializerContext;
