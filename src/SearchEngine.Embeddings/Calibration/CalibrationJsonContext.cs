using System.Text.Json.Serialization;

namespace SearchEngine.Embeddings.Calibration;

/// <summary>Source-generated JSON metadata for <c>calibration.json</c> (camelCase like <c>pack.json</c>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CalibrationDocument))]
public sealed partial class CalibrationJsonContext : JsonSerializerContext;
