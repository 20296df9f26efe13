using SearchEngine.Core.Media;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Embeddings.Tests.Audio;
using SearchEngine.Embeddings.Tests.Fixtures;
using SearchEngine.Testing;

namespace SearchEngine.Embeddings.Tests.Offline;

/// <summary>The whole offline pack on real backbones, word vectors and media, with tiny random heads from the ONNX writer.</summary>
public sealed class OfflinePackRoundTripTests : IClassFixture<OfflinePackRoundTripTests.LoadedPack>
{
    private readonly LoadedPack _fixture;

    public OfflinePackRoundTripTests(LoadedPack fixture) => _fixture = fixture;

    private ModelPack Pack => _fixture.Pack;

    [Fact]
    public void Pack_loads_all_three_towers_with_the_manifest_dimension()
    {
        Assert.Equal(8, Pack.Dimension);
        Assert.Equal(8, Pack.RequireText().Dimension);
        Assert.Equal(8, Pack.RequireImage().Dimension);
        Assert.Equal(8, Pack.RequireAudio().Dimension);
        Assert.Equal(16000, Pack.RequireAudio().SampleRate);
    }

    [Fact]
    public void Image_tower_gives_unit_vectors_and_batching_matches_one_at_a_time()
    {
        RgbImage[] images =
        [
            TestImages.Flickr("3385593926_d3e9c21170.jpg"),
            TestImages.Gradient(640, 480, 1),
            TestImages.Gradient(120, 300, 2),
            TestImages.Flickr("1000268201_693b08cb0e.jpg"),
        ];
        var batched = Pack.RequireImage().Embed(images);
        Assert.Equal(images.Length, batched.Length);
        for (var i = 0; i < images.Length; i++)
        {
            AssertUnit(batched[i]);
            AssertClose(Pack.RequireImage().Embed([images[i]])[0], batched[i]);
        }

        Assert.NotEqual(batched[0], batched[3]);
    }

    [Fact]
    public void Text_tower_gives_unit_vectors_and_batching_matches_one_at_a_time()
    {
        string[] texts = ["A dog runs on the beach.", "two children playing football", "qwxzvbnmq", "", "A dog runs on the beach."];
        var tower = Pack.RequireText();
        var batched = tower.Embed(texts);
        Assert.Equal(texts.Length, batched.Length);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(8, batched[i].Length);
            Assert.All(batched[i], v => Assert.True(float.IsFinite(v)));
            AssertUnit(batched[i]);
            AssertClose(tower.Embed([texts[i]])[0], batched[i]);
        }

        // The sentence encoder reads every text, unknown words and empty text included: the same text, the same vector.
        AssertClose(batched[0], batched[4]);
        Assert.NotEqual(batched[0], batched[1]);
        Assert.NotEqual(batched[2], batched[3]);
    }

    [Fact]
    public void Audio_tower_gives_timed_unit_windows_and_a_window_equals_its_own_sub_clip()
    {
        var speech = YamnetFrontEndTests.ReadPcm(SharedFiles.Require("models/yamnet/testvectors/yamnet_test_audio.bin"), 32768f);
        var samples = Enumerable.Repeat(speech, 5).SelectMany(s => s).ToArray(); // 4.875 s of real speech
        var tower = Pack.RequireAudio();
        var windows = tower.Embed(new AudioClip(samples, 16000, Offset: 10));

        Assert.True(windows.Count >= 2);
        Assert.Equal(10, windows[0].Start, 1e-9);
        Assert.Equal(10 + tower.HopSeconds, windows[1].Start, 1e-9);
        Assert.All(windows, w => Assert.True(w.End > w.Start && w.End <= 10 + samples.Length / 16000.0 + 1e-9));
        Assert.All(windows, w => AssertUnit(w.Vector));

        // The second window starts one patch (15 360 samples) in and spans 3 patches: embedding just those samples gives the same vector.
        var sub = samples.AsSpan(15360, 15600 + 2 * 15360).ToArray();
        var alone = tower.Embed(new AudioClip(sub, 16000));
        Assert.Single(alone);
        AssertClose(alone[0].Vector, windows[1].Vector);
    }

    [Fact]
    public void Audio_clip_shorter_than_a_patch_gives_one_window_ending_at_the_clip_end()
    {
        var tower = Pack.RequireAudio();
        var windows = tower.Embed(new AudioClip(new float[4000], 16000));
        var window = Assert.Single(windows);
        Assert.Equal(0, window.Start);
        Assert.Equal(0.25, window.End, 1e-9);
        Assert.All(window.Vector, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Audio_at_another_sample_rate_is_refused_with_the_rate_needed()
    {
        var error = Assert.Throws<ArgumentException>(() => Pack.RequireAudio().Embed(new AudioClip(new float[8000], 8000)));
        Assert.Contains("16000", error.Message, StringComparison.Ordinal);
    }

    private static void AssertUnit(float[] vector)
    {
        Assert.Equal(8, vector.Length);
        Assert.Equal(1.0, Math.Sqrt(vector.Sum(v => (double)v * v)), 1e-5);
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-5f);
        }
    }

    public sealed class LoadedPack : IDisposable
    {
        private readonly TestPack _files = new();

        public LoadedPack() => Pack = _files.Load();

        public ModelPack Pack { get; }

        public void Dispose()
        {
            Pack.Dispose();
            _files.Dispose();
        }
    }
}
