using SearchEngine.Embeddings.Clap;
using SearchEngine.Embeddings.Packs;

namespace SearchEngine.Testing.Packs;

/// <summary>
/// A whole CLAP pack in the Hugging Face layout, in a temporary folder: the tiny RoBERTa <c>vocab.json</c> and
/// <c>merges.txt</c>, the tiny CLAP graphs as <c>onnx/text_model.onnx</c> and <c>onnx/audio_model.onnx</c>, and
/// <see cref="ClapPack.Manifest"/>'s <c>pack.json</c>. Only the models are tiny: the towers, the tokenizer and the audio
/// front end (48 kHz, 10 s windows by default) are the real ones, so what a CLAP collection does with files is real.
/// </summary>
public sealed class TinyClapPack : IDisposable
{
    private readonly TinyRobertaFiles _tokenizer = new();

    /// <summary>Writes the pack; <paramref name="preprocessing"/> is the audio front end (laion/clap-htsat-unfused's by default).</summary>
    public TinyClapPack(ClapAudioPreprocessing? preprocessing = null)
    {
        Directory.CreateDirectory(Path.Combine(Folder, "onnx"));
        File.WriteAllBytes(Path.Combine(Folder, "onnx", "text_model.onnx"), TinyClapModels.Text());
        File.WriteAllBytes(Path.Combine(Folder, "onnx", "audio_model.onnx"), TinyClapModels.Audio(withIsLonger: false));
        PackManifestFile.Write(ClapPack.Manifest(dimension: TinyClapModels.Dimension, preprocessing: preprocessing), Folder);
    }

    /// <summary>The pack folder (the tokenizer's files lie there too, as in the Hugging Face repository).</summary>
    public string Folder => _tokenizer.Folder;

    /// <summary>A loader that knows the CLAP tower types.</summary>
    public static ModelPackLoader Loader { get; } = new(ClapPack.TowerFactories);

    /// <summary>Loads the pack through the real loader.</summary>
    public ModelPack Load() => Loader.Load(Folder);

    /// <inheritdoc />
    public void Dispose() => _tokenizer.Dispose();
}
