using System.Text.Json;
using SearchEngine.Embeddings.Audio;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Embeddings.Text;
using SearchEngine.Embeddings.Text.Glove;
using SearchEngine.Embeddings.Text.Sentence;
using SearchEngine.Embeddings.Towers;
using SearchEngine.Embeddings.Vision;

namespace SearchEngine.Embeddings.Offline;

/// <summary>
/// The offline pack: MobileNetV2 image features, YAMNet audio embeddings and GloVe-style word vectors from the shared
/// folder and the cache, each followed by a trained head in the pack folder (<c>image_head.onnx</c>,
/// <c>audio_head.onnx</c>, <c>text_head.onnx</c>, see <see cref="Onnx.HeadContract"/>). It runs without internet.
/// </summary>
public static class OfflinePack
{
    /// <summary>The offline pack's conventional id.</summary>
    public const string DefaultId = "offline";

    /// <summary>MobileNetV2 with the pooled-features output, in the shared folder.</summary>
    public const string ImageBackbone = "shared:models/mobilenetv2/mobilenetv2-12-int8-features.onnx";

    /// <summary>
    /// How the image backbone is computed: as the float32 graph of the int8 file, whose numbers do not depend on the
    /// CPU's int8 instructions (<see cref="Onnx.Float32Graph"/>).
    /// </summary>
    public const string ImageBackbonePrecision = Onnx.Float32Graph.Precision;

    /// <summary>YAMNet on log-mel patches, in the shared folder.</summary>
    public const string AudioBackbone = "shared:models/yamnet/yamnet.onnx";

    /// <summary>Head file names inside the pack folder.</summary>
    public const string ImageHeadFile = "image_head.onnx", AudioHeadFile = "audio_head.onnx", TextHeadFile = "text_head.onnx";

    /// <summary>The factories of the three offline towers.</summary>
    public static IReadOnlyList<ITowerFactory> TowerFactories { get; } =
    [
        new Factory(MobileNetImageTower.TypeName, context => new MobileNetImageTower(context)),
        new Factory(YamnetAudioTower.TypeName, context => new YamnetAudioTower(context)),
        new Factory(GloveTextTower.TypeName, context => new GloveTextTower(context)),
        new Factory(SentenceTextTower.TypeName, context => new SentenceTextTower(context)),
    ];

    /// <summary>
    /// The manifest of an offline pack whose heads (named as in <see cref="ImageHeadFile"/> etc.) produce
    /// <paramref name="dimension"/>-d vectors. Training writes it next to the heads with <see cref="PackManifestFile.Write"/>.
    /// </summary>
    public static PackManifest CreateManifest(
        int dimension,
        string id = DefaultId,
        string version = "1.0.0",
        AudioWindowing? windowing = null,
        bool text = true,
        bool image = true,
        bool audio = true,
        TextBackbone textBackbone = TextBackbone.Sentence)
    {
        var towers = new Dictionary<string, TowerManifest>(StringComparer.Ordinal);
        if (image)
        {
            towers[TowerSlot.Image] = new TowerManifest(
                MobileNetImageTower.TypeName,
                new Dictionary<string, OnnxModelManifest>
                {
                    ["backbone"] = new(ImageBackbone, Map("image", "input"), Outputs(("features", "features"), ("logits", "output")), ImageBackbonePrecision),
                    ["head"] = new(ImageHeadFile),
                },
                JsonSerializer.SerializeToElement(ImagePreprocessing.MobileNetV2, OfflineJsonContext.Default.ImagePreprocessing));
        }

        if (audio)
        {
            towers[TowerSlot.Audio] = new TowerManifest(
                YamnetAudioTower.TypeName,
                new Dictionary<string, OnnxModelManifest>
                {
                    ["backbone"] = new(AudioBackbone, Map("patch", "patch"), Outputs(("embedding", "embedding"), ("scores", "scores"))),
                    ["head"] = new(AudioHeadFile),
                },
                JsonSerializer.SerializeToElement(windowing ?? AudioWindowing.Default, OfflineJsonContext.Default.AudioWindowing));
        }

        if (text && textBackbone == TextBackbone.Sentence)
        {
            towers[TowerSlot.Text] = new TowerManifest(
                SentenceTextTower.TypeName,
                new Dictionary<string, OnnxModelManifest>
                {
                    ["encoder"] = new(MiniLmSetup.ModelReference),
                    ["head"] = new(TextHeadFile),
                },
                Tokenizer: new TokenizerManifest(
                    "wordpiece",
                    new Dictionary<string, string> { ["vocabulary"] = MiniLmSetup.VocabularyReference },
                    JsonSerializer.SerializeToElement(new { maxTokens = new SentenceEncoderOptions().MaxTokens })));
        }
        else if (text)
        {
            towers[TowerSlot.Text] = new TowerManifest(
                GloveTextTower.TypeName,
                new Dictionary<string, OnnxModelManifest> { ["head"] = new(TextHeadFile) },
                Tokenizer: new TokenizerManifest(
                    "words",
                    new Dictionary<string, string> { ["vectors"] = GloveSetup.PackReference },
                    JsonSerializer.SerializeToElement(WordTokenizerOptions.Default, OfflineJsonContext.Default.WordTokenizerOptions)));
        }

        return new PackManifest(id, version, dimension, "cosine", towers,
            textBackbone == TextBackbone.Sentence
                ? "Offline pack: MobileNetV2 image features, YAMNet audio embeddings and all-MiniLM-L6-v2 sentence vectors with trained projection heads."
                : "Offline pack: MobileNetV2 image features, YAMNet audio embeddings and GloVe word vectors with trained projection heads.");
    }

    private static Dictionary<string, string> Map(string role, string tensor) => new(StringComparer.Ordinal) { [role] = tensor };

    private static Dictionary<string, string> Outputs(params (string Role, string Tensor)[] roles) =>
        roles.ToDictionary(r => r.Role, r => r.Tensor, StringComparer.Ordinal);

    private sealed class Factory(string type, Func<TowerContext, ITower> create) : ITowerFactory
    {
        public string Type => type;

        public ITower Create(TowerContext context) => create(context);
    }
}
