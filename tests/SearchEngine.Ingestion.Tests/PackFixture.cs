using SearchEngine.Embeddings.Packs;

namespace SearchEngine.Ingestion.Tests;

/// <summary>The test pack loaded once and the mixed media folder made once, for a test class.</summary>
public sealed class PackFixture : IDisposable
{
    private readonly TestPack _files = new();

    public PackFixture()
    {
        Pack = _files.Load();
    }

    public ModelPack Pack { get; }

    public string PackFolder => _files.Folder;

    public MixedFolder Mixed { get; } = new();

    public void Dispose()
    {
        Pack.Dispose();
        _files.Dispose();
        Mixed.Dispose();
    }
}
