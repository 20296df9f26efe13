using SearchEngine.Embeddings.Clap;
using SearchEngine.Embeddings.Clip;

namespace SearchEngine.Embeddings.Pull;

/// <summary>
/// The packs <c>models pull</c> knows: the Hugging Face / transformers.js ONNX exports by Xenova of
/// openai/clip-vit-base-patch32 and laion/clap-htsat-unfused (fp32 <c>onnx/*_model.onnx</c> plus the tokenizer files).
/// No SHA-256 is published for these files in a place this project could check, so every file is verified on first
/// download and pinned (see <see cref="PackSourceFile.Sha256"/>).
/// </summary>
public static class PackCatalogue
{
    /// <summary>Every known pack.</summary>
    public static IReadOnlyList<PackSource> Packs { get; } =
    [
        new PackSource(
            ClipPack.VitBasePatch32Id,
            ["openai/clip-vit-base-patch32", "Xenova/clip-vit-base-patch32"],
            new Uri("https://huggingface.co/Xenova/clip-vit-base-patch32/resolve/main/"),
            [new("onnx/text_model.onnx"), new("onnx/vision_model.onnx"), new("vocab.json"), new("merges.txt")],
            () => ClipPack.Manifest()),
        new PackSource(
            ClapPack.HtsatUnfusedId,
            ["laion/clap-htsat-unfused", "Xenova/clap-htsat-unfused"],
            new Uri("https://huggingface.co/Xenova/clap-htsat-unfused/resolve/main/"),
            [new("onnx/text_model.onnx"), new("onnx/audio_model.onnx"), new("vocab.json"), new("merges.txt")],
            () => ClapPack.Manifest()),
    ];

    /// <summary>The pack named <paramref name="idOrAlias"/> (case-insensitive).</summary>
    /// <exception cref="ModelPullException">No known pack has that name; the message lists the known ones.</exception>
    public static PackSource Find(string idOrAlias)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrAlias);
        return Packs.FirstOrDefault(p =>
                string.Equals(p.Id, idOrAlias, StringComparison.OrdinalIgnoreCase) ||
                p.Aliases.Any(a => string.Equals(a, idOrAlias, StringComparison.OrdinalIgnoreCase)))
            ?? throw new ModelPullException(
                $"No known model pack '{idOrAlias}'. Known: {string.Join(", ", Packs.Select(p => $"{p.Id} ({string.Join(", ", p.Aliases)})"))}.");
    }
}
