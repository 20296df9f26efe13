using System.Text.Json;
using System.Text.Json.Serialization;

namespace SearchEngine.Ingestion.Sources;

/// <summary>Source-generated JSON for manifest metadata (no reflection on the per-row path).</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;
