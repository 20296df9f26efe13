using System.Text.Json;
using System.Text.Json.Serialization;

namespace SearchEngine.Embeddings.Packs;

/// <summary>One tower of a pack as <c>pack.json</c> describes it.</summary>
/// <param name="Type">The implementation (a registered tower factory), e.g. <c>mobilenetv2+head</c>.</param>
/// <param name="Models">The tower's ONNX files by role (e.g. <c>backbone</c>, <c>head</c>), with their tensor names.</param>
/// <param name="Preprocessing">Type-specific preprocessing parameters (image size, mean/std, audio windows); the tower's own schema.</param>
/// <param name="Tokenizer">The text tokenizer, for text towers.</param>
/// <param name="Files">Further files the tower reads, by role; they count in the fingerprint.</param>
/// <param name="BatchSize">Items per ONNX run; null for the tower's default.</param>
public sealed record TowerManifest(
    [property: JsonRequired] string Type,
    [property: JsonRequired] IReadOnlyDictionary<string, OnnxModelManifest> Models,
    JsonElement? Preprocessing = null,
    TokenizerManifest? Tokenizer = null,
    IReadOnlyDictionary<string, string>? Files = null,
    int? BatchSize = null);

/// <summary>One ONNX file of a tower and the tensor names the tower uses in it.</summary>
/// <param name="File">File reference (pack-relative, <c>shared:</c> or <c>cache:</c>).</param>
/// <param name="Inputs">Input tensor names by role (e.g. <c>"image": "input"</c>); a missing role means the tower's default name.</param>
/// <param name="Outputs">Output tensor names by role (e.g. <c>"features": "features"</c>).</param>
/// <param name="Precision">
/// How to compute the model: null as stored; <c>float32</c> runs an int8 graph as its float32 equivalent
/// (<see cref="Onnx.Float32Graph"/>), which gives the same numbers on every CPU.
/// </param>
public sealed record OnnxModelManifest(
    [property: JsonRequired] string File,
    IReadOnlyDictionary<string, string>? Inputs = null,
    IReadOnlyDictionary<string, string>? Outputs = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Precision = null)
{
    /// <summary>The input tensor name for <paramref name="role"/>, or <paramref name="role"/> itself when not mapped.</summary>
    public string InputName(string role) => Inputs is not null && Inputs.TryGetValue(role, out var name) ? name : role;

    /// <summary>The output tensor name for <paramref name="role"/>, or <paramref name="role"/> itself when not mapped.</summary>
    public string OutputName(string role) => Outputs is not null && Outputs.TryGetValue(role, out var name) ? name : role;
}

/// <summary>A text tokenizer: its type, its files and its options.</summary>
/// <param name="Type">Tokenizer kind, e.g. <c>words</c> (lower-case words, punctuation split) or <c>clip-bpe</c>.</param>
/// <param name="Files">Files by role (e.g. <c>vectors</c>, <c>vocab</c>, <c>merges</c>); they count in the fingerprint.</param>
/// <param name="Options">Tokenizer-specific options (e.g. maximum length).</param>
public sealed record TokenizerManifest(
    [property: JsonRequired] string Type,
    IReadOnlyDictionary<string, string>? Files = null,
    JsonElement? Options = null);
