using System.Text.Json.Serialization;

namespace SearchEngine.Embeddings.Packs;

/// <summary>
/// The <c>pack.json</c> at the root of a model pack folder: what the pack is, the space it embeds into, and one
/// entry per tower it has. File references inside it are relative to the pack folder, or <c>shared:</c>-prefixed
/// (resolved in the shared models folder, so packs do not copy backbones), or <c>cache:</c>-prefixed (resolved in the
/// cache folder, for artefacts converted at setup such as word vectors).
/// </summary>
/// <param name="Id">Stable identifier (lower-case, digits, '-', '.', '_'); collections record it.</param>
/// <param name="Version">The pack's version, for people; the fingerprint is what tells spaces apart.</param>
/// <param name="Dimension">Length of every vector the pack's towers produce.</param>
/// <param name="Similarity">How vectors are compared; only <c>cosine</c> (on L2-normalized vectors) is supported.</param>
/// <param name="Towers">Towers by slot: <c>text</c>, <c>image</c>, <c>audio</c>.</param>
/// <param name="Description">What the pack is, for listings.</param>
/// <param name="LearnedDimension">
/// For a pack whose vectors are [learned ‖ concept] (the offline pack's concept bridge), the length of the learned
/// part; null when the whole vector is one space. Evaluation reads it to score the learned space alone.
/// </param>
public sealed record PackManifest(
    [property: JsonRequired] string Id,
    [property: JsonRequired] string Version,
    [property: JsonRequired] int Dimension,
    string Similarity,
    [property: JsonRequired] IReadOnlyDictionary<string, TowerManifest> Towers,
    string? Description = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? LearnedDimension = null)
{
    /// <summary>The manifest file name inside a pack folder.</summary>
    public const string FileName = "pack.json";

    /// <summary>The tower slots a pack may have.</summary>
    public static IReadOnlyList<string> TowerSlots { get; } = [TowerSlot.Text, TowerSlot.Image, TowerSlot.Audio];
}

/// <summary>Names of the tower slots in <see cref="PackManifest.Towers"/>.</summary>
public static class TowerSlot
{
    /// <summary>The text tower.</summary>
    public const string Text = "text";

    /// <summary>The image tower.</summary>
    public const string Image = "image";

    /// <summary>The audio tower.</summary>
    public const string Audio = "audio";
}
