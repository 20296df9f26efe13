using SearchEngine.Core.Media;
using SearchEngine.Embeddings.Clap;
using SearchEngine.Testing.Packs;

namespace SearchEngine.Embeddings.Tests.Clap;

public sealed class ClapPackTests : IDisposable
{
    private readonly TinyClapPack _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void A_pack_in_the_Hugging_Face_layout_loads_through_the_pack_loader_and_embeds_text_and_audio()
    {
        using var pack = _files.Load();

        Assert.Equal(ClapPack.HtsatUnfusedId, pack.Id);
        var text = pack.RequireText().Embed(["The cat"])[0];
        var expected = TinyClapModels.ExpectedText([0, 267, 263, 2]);
        for (var d = 0; d < expected.Length; d++)
        {
            Assert.Equal(expected[d], text[d], 1e-5f);
        }

        var audio = pack.RequireAudio();
        Assert.Equal((48_000, 10.0, 10.0), (audio.SampleRate, audio.WindowSeconds, audio.HopSeconds));
        var window = Assert.Single(audio.Embed(new AudioClip(ClapFeatureExtractorTests.TwoToneSignal(2), 48_000)));
        Assert.Equal(TinyClapModels.Dimension, window.Vector.Length);
        Assert.Null(pack.Image);
    }
}
