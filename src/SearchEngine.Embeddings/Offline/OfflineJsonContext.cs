using System.Text.Json.Serialization;
using SearchEngine.Embeddings.Audio;
using SearchEngine.Embeddings.Text;
using SearchEngine.Embeddings.Vision;

namespace SearchEngine.Embeddings.Offline;

/// <summary>Source-generated JSON metadata for the offline towers' <c>preprocessing</c> and tokenizer options.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(ImagePreprocessing))]
[JsonSerializable(typeof(AudioWindowing))]
[JsonSerializable(typeof(WordTokenizerOptions))]
internal sealed partial class OfflineJsonContext : JsonSerializerContext;
