using System.Text.Json;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Embeddings.Towers;

namespace SearchEngine.Embeddings.Clap;

/// <summary>
/// The <c>pack.json</c> of a CLAP model in the Hugging Face / transformers.js layout (e.g. Xenova/clap-htsat-unfused:
/// <c>onnx/text_model.onnx</c>, <c>onnx/audio_model.onnx</c>, RoBERTa's <c>vocab.json</c> and <c>merges.txt</c>).
/// </summary>
public static class ClapPack
{
    /// <summary>The pack id of laion/clap-htsat-unfused.</summary>
    public const string HtsatUnfusedId = "clap-htsat-unfused";

    /// <summary>The tower factories of CLAP packs (<c>clap-text</c>, <c>clap-audio</c>), for <see cref="ModelPackLoader"/>.</summary>
    public static IReadOnlyList<ITowerFactory> TowerFactories { get; } = [new ClapTextTowerFactory(), new ClapAudioTowerFactory()];

    /// <summary>Builds the manifest; file references are relative to the pack folder unless prefixed.</summary>
    /// <param name="id">The pack id.</param>
    /// <param name="dimension">The projection size (512 for clap-htsat-unfused).</param>
    /// <param name="textModel">Reference of the text model.</param>
    /// <param name="audioModel">Reference of the audio model.</param>
    /// <param name="vocabulary">Reference of RoBERTa's <c>vocab.json</c>.</param>
    /// <param name="merges">Reference of RoBERTa's <c>merges.txt</c>.</param>
    /// <param name="preprocessing">Audio front end; laion/clap-htsat-unfused's by default.</param>
    public static PackManifest Manifest(
        string id = HtsatUnfusedId,
        int dimension = 512,
        string textModel = "onnx/text_model.onnx",
        string audioModel = "onnx/audio_model.onnx",
        string vocabulary = "vocab.json",
        string merges = "merges.txt",
        ClapAudioPreprocessing? preprocessing = null)
    {
        var tokenizer = new TokenizerManifest(
            ClapTextTowerFactory.TokenizerType,
            new Dictionary<string, string> { ["vocab"] = vocabulary, ["merges"] = merges },
            JsonSerializer.SerializeToElement(new ClapTokenizerSettings(), ClapJsonContext.Default.ClapTokenizerSettings));
        var text = new TowerManifest(
            ClapTextTowerFactory.TypeName,
            new Dictionary<string, OnnxModelManifest> { [ClapTextTowerFactory.ModelRole] = new(textModel) },
            Tokenizer: tokenizer);
        var audio = new TowerManifest(
            ClapAudioTowerFactory.TypeName,
            new Dictionary<string, OnnxModelManifest> { [ClapAudioTowerFactory.ModelRole] = new(audioModel) },
            JsonSerializer.SerializeToElement(preprocessing ?? ClapAudioPreprocessing.Default, ClapJsonContext.Default.ClapAudioPreprocessing));
        return new PackManifest(
            id,
            "1",
            dimension,
            "cosine",
            new Dictionary<string, TowerManifest> { [TowerSlot.Text] = text, [TowerSlot.Audio] = audio },
            "CLAP (LAION, HTS-AT unfused) text and audio encoders, Hugging Face ONNX export; text→audio and audio→audio search.");
    }
}
