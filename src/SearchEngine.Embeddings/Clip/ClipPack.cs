using System.Text.Json;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Embeddings.Tokenizers;

namespace SearchEngine.Embeddings.Clip;

/// <summary>
/// The <c>pack.json</c> of a CLIP model in the Hugging Face / transformers.js layout (e.g. Xenova/clip-vit-base-patch32:
/// <c>onnx/text_model.onnx</c>, <c>onnx/vision_model.onnx</c>, <c>vocab.json</c>, <c>merges.txt</c>).
/// </summary>
public static class ClipPack
{
    /// <summary>The pack id of openai/clip-vit-base-patch32.</summary>
    public const string VitBasePatch32Id = "clip-vit-base-patch32";

    /// <summary>Builds the manifest; file references are relative to the pack folder unless prefixed.</summary>
    /// <param name="id">The pack id.</param>
    /// <param name="dimension">The projection size (512 for ViT-B/32).</param>
    /// <param name="textModel">Reference of the text model.</param>
    /// <param name="visionModel">Reference of the vision model.</param>
    /// <param name="vocabulary">Reference of <c>vocab.json</c>.</param>
    /// <param name="merges">Reference of <c>merges.txt</c>.</param>
    /// <param name="preprocessing">Image preprocessing; openai/CLIP's by default.</param>
    public static PackManifest Manifest(
        string id = VitBasePatch32Id,
        int dimension = 512,
        string textModel = "onnx/text_model.onnx",
        string visionModel = "onnx/vision_model.onnx",
        string vocabulary = "vocab.json",
        string merges = "merges.txt",
        ClipImagePreprocessing? preprocessing = null)
    {
        var tokenizer = new TokenizerManifest(
            ClipTextTowerFactory.TokenizerType,
            new Dictionary<string, string> { ["vocab"] = vocabulary, ["merges"] = merges },
            JsonSerializer.SerializeToElement(new ClipTokenizerSettings(ClipTokenizer.DefaultContextLength, ClipPadding.Zero), ClipJsonContext.Default.ClipTokenizerSettings));
        var text = new TowerManifest(
            ClipTextTowerFactory.TypeName,
            new Dictionary<string, OnnxModelManifest>
            {
                [ClipTextTowerFactory.ModelRole] = new(textModel, Outputs: new Dictionary<string, string> { ["text_embeds"] = "text_embeds" }),
            },
            Tokenizer: tokenizer);
        var image = new TowerManifest(
            ClipImageTowerFactory.TypeName,
            new Dictionary<string, OnnxModelManifest>
            {
                [ClipImageTowerFactory.ModelRole] = new(visionModel, new Dictionary<string, string> { ["pixel_values"] = "pixel_values" }, new Dictionary<string, string> { ["image_embeds"] = "image_embeds" }),
            },
            JsonSerializer.SerializeToElement(preprocessing ?? ClipImagePreprocessing.Default, ClipJsonContext.Default.ClipImagePreprocessing));
        return new PackManifest(
            id,
            "1",
            dimension,
            "cosine",
            new Dictionary<string, TowerManifest> { [TowerSlot.Text] = text, [TowerSlot.Image] = image },
            "CLIP (openai) text and image encoders, Hugging Face ONNX export; text→image and image→text search.");
    }

    /// <summary>The tower factories of CLIP packs (<c>clip-text</c>, <c>clip-image</c>), for <see cref="ModelPackLoader"/>.</summary>
    public static IReadOnlyList<Towers.ITowerFactory> TowerFactories { get; } = [new ClipTextTowerFactory(), new ClipImageTowerFactory()];
}
