using SearchEngine.Embeddings.Offline;
using SearchEngine.Embeddings.Onnx;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Embeddings.Text.Sentence;

namespace SearchEngine.Ingestion.Tests;

/// <summary>
/// A small deterministic offline pack in a temporary folder: the real shared MobileNetV2 and YAMNet backbones and the
/// cached word vectors, with tiny random-weight heads (fixed seed) written by the ONNX writer. Real inference, small
/// vectors; a different seed is a different pack (another fingerprint).
/// </summary>
public sealed class TestPack : IDisposable
{
    public const int Dimension = 16;

    public TestPack() : this(seed: 7, id: "offline-test")
    {
    }

    public TestPack(int seed, string id)
    {
        Folder = Directory.CreateTempSubdirectory("searchengine-ingest-pack-").FullName;
        var random = new Random(seed);
        HeadGraphs.Image(1280, [Layer(random, 1280, 32, relu: true), Layer(random, 32, Dimension)]).Save(Path.Combine(Folder, OfflinePack.ImageHeadFile));
        HeadGraphs.Audio(1024, [Layer(random, 1024, Dimension)]).Save(Path.Combine(Folder, OfflinePack.AudioHeadFile));
        HeadGraphs.Sentence(384, [Layer(random, 384, Dimension)]).Save(Path.Combine(Folder, OfflinePack.TextHeadFile));
        MiniLmSetup.EnsureExtracted();
        PackManifestFile.Write(OfflinePack.CreateManifest(Dimension, id: id), Folder);
    }

    public string Folder { get; }

    public static ModelPackLoader Loader { get; } = new(OfflinePack.TowerFactories);

    public ModelPack Load() => Loader.Load(Folder);

    private static DenseLayer Layer(Random random, int inputs, int outputs, bool relu = false)
    {
        var scale = 1 / MathF.Sqrt(inputs);
        var weight = new float[inputs * outputs];
        var bias = new float[outputs];
        for (var i = 0; i < weight.Length; i++)
        {
            weight[i] = (float)((random.NextDouble() * 2) - 1) * scale;
        }

        for (var i = 0; i < bias.Length; i++)
        {
            bias[i] = (float)((random.NextDouble() * 2) - 1) * 0.1f;
        }

        return new DenseLayer(weight, bias, inputs, outputs, relu);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
