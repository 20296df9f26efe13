using SearchEngine.Embeddings.Clip;
using SearchEngine.Embeddings.Inference;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Embeddings.Tokenizers;
using SearchEngine.Testing;

namespace SearchEngine.Embeddings.Tests.Clip;

public sealed class ClipPackTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clip-pack-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_pack_in_the_Hugging_Face_layout_loads_through_the_pack_loader_and_embeds_text_and_images()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "onnx"));
        File.WriteAllBytes(Path.Combine(_folder, "onnx", "text_model.onnx"), TinyClipModels.Text(true));
        File.WriteAllBytes(Path.Combine(_folder, "onnx", "vision_model.onnx"), TinyClipModels.Vision());
        const string Tokenizer = PackFileResolver.SharedPrefix + ClipTokenizer.SharedFolder;
        PackManifestFile.Write(
            ClipPack.Manifest(dimension: TinyClipModels.Dimension, vocabulary: Tokenizer + "/vocab.json", merges: Tokenizer + "/merges.txt"),
            _folder);

        using var pack = new ModelPackLoader(ClipPack.TowerFactories).Load(_folder);

        Assert.Equal(ClipPack.VitBasePatch32Id, pack.Id);
        var text = pack.RequireText().Embed(["a photo of a cat"])[0];
        using var direct = new ClipTextTower(
            OnnxSessionFactory.Default.Open(TinyClipModels.Text(true)), ClipTokenizer.Load(SharedFiles.Require(ClipTokenizer.SharedFolder)), TinyClipModels.Dimension);
        Assert.Equal(direct.Embed(["a photo of a cat"])[0], text);
        var image = pack.RequireImage().Embed([ClipImagePreprocessorTests.Solid(10, 10, 255, 255, 255)])[0];
        Assert.Equal(TinyClipModels.Dimension, image.Length);
        Assert.Null(pack.Audio);
    }

    [Fact]
    public void A_pack_whose_text_model_is_not_a_CLIP_text_model_fails_to_load_naming_the_pack_and_tower()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "onnx"));
        File.WriteAllBytes(Path.Combine(_folder, "onnx", "text_model.onnx"), TinyClipModels.Vision());
        File.WriteAllBytes(Path.Combine(_folder, "onnx", "vision_model.onnx"), TinyClipModels.Vision());
        const string Tokenizer = PackFileResolver.SharedPrefix + ClipTokenizer.SharedFolder;
        PackManifestFile.Write(
            ClipPack.Manifest(dimension: TinyClipModels.Dimension, vocabulary: Tokenizer + "/vocab.json", merges: Tokenizer + "/merges.txt"),
            _folder);

        var error = Assert.Throws<PackLoadException>(() => new ModelPackLoader(ClipPack.TowerFactories).Load(_folder));
        Assert.Contains("clip-vit-base-patch32", error.Message, StringComparison.Ordinal);
        Assert.Contains("input_ids", error.Message, StringComparison.Ordinal);
    }
}
