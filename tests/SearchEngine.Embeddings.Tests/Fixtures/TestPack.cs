using SearchEngine.Embeddings.Audio;
using SearchEngine.Embeddings.Offline;
using SearchEngine.Embeddings.Onnx;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Embeddings.Text.Sentence;

namespace SearchEngine.Embeddings.Tests.Fixtures;

/// <summary>
/// An offline pack in a temporary folder: the real shared backbones and cached word vectors, and tiny random-weight
/// heads written with the ONNX writer.
/// </summary>
internal sealed class TestPack : IDisposable
{
    public TestPack(int dimension = 8, int seed = 7, bool withText = true, AudioWindowing? windowing = null)
    {
        PacksFolder = Path.Combine(Path.GetTempPath(), "searchengine-packs-" + Guid.NewGuid().ToString("N"));
        Folder = Path.Combine(PacksFolder, "offline-test");
        Directory.CreateDirectory(Folder);
        Dimension = dimension;
        var random = new Random(seed);
        HeadGraphs.Image(1280, [Layer(random, 1280, 16, relu: true), Layer(random, 16, dimension)]).Save(Path.Combine(Folder, OfflinePack.ImageHeadFile));
        HeadGraphs.Audio(1024, [Layer(random, 1024, dimension)]).Save(Path.Combine(Folder, OfflinePack.AudioHeadFile));
        HeadGraphs.Sentence(384, [Layer(random, 384, dimension)]).Save(Path.Combine(Folder, OfflinePack.TextHeadFile));
        if (withText)
        {
            MiniLmSetup.EnsureExtracted();
        }

        // Small batches, so the tests see several ONNX runs per call (and padding that differs between them).
        var manifest = OfflinePack.CreateManifest(dimension, id: "offline-test", windowing: windowing, text: withText);
        Manifest = manifest with { Towers = manifest.Towers.ToDictionary(t => t.Key, t => t.Value with { BatchSize = 3 }) };
        PackManifestFile.Write(Manifest, Folder);
    }

    /// <summary>A packs folder holding only this pack.</summary>
    public string PacksFolder { get; }

    public string Folder { get; }

    public int Dimension { get; }

    public PackManifest Manifest { get; }

    public static ModelPackLoader Loader { get; } = new(OfflinePack.TowerFactories);

    public ModelPack Load() => Loader.Load(Folder);

    public static DenseLayer Layer(Random random, int inputs, int outputs, bool relu = false)
    {
        var scale = 1 / MathF.Sqrt(inputs);
        var weight = new float[inputs * outputs];
        var bias = new float[outputs];
        for (var i = 0; i < weight.Length; i++)
        {
            weight[i] = (float)(random.NextDouble() * 2 - 1) * scale;
        }

        for (var i = 0; i < bias.Length; i++)
        {
            bias[i] = (float)(random.NextDouble() * 2 - 1) * 0.1f;
        }

        return new DenseLayer(weight, bias, inputs, outputs, relu);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(PacksFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
