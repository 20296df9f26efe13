using SearchEngine.Core.Media;
using SearchEngine.Embeddings.Clap;
using SearchEngine.Embeddings.Inference;
using SearchEngine.Testing.Packs;

namespace SearchEngine.Embeddings.Tests.Clap;

public sealed class ClapAudioTowerTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_long_clip_gives_one_vector_per_ten_second_window_of_the_features_it_was_fed(bool modelHasIsLonger)
    {
        using var tower = new ClapAudioTower(OnnxSessionFactory.Default.Open(TinyClapModels.Audio(modelHasIsLonger)), TinyClapModels.Dimension, batchSize: 2);
        var samples = ClapFeatureExtractorTests.TwoToneSignal(25);
        samples.AsSpan(480_000, 480_000).Clear(); // the middle window is silence, so windows differ

        var windows = tower.Embed(new AudioClip(samples, 48_000, Offset: 100));

        Assert.Equal([(100.0, 110.0), (110.0, 120.0), (120.0, 125.0)], windows.Select(w => (w.Start, w.End)));
        int[][] ranges = [[0, 480_000], [480_000, 960_000], [960_000, 1_200_000]];
        for (var i = 0; i < ranges.Length; i++)
        {
            var features = new float[tower.FeatureExtractor.Settings.FeatureLength];
            tower.FeatureExtractor.Extract(samples.AsSpan(ranges[i][0], ranges[i][1] - ranges[i][0]), features);
            var expected = TinyClapModels.ExpectedAudio(features);
            Assert.Equal(1.0, Math.Sqrt(windows[i].Vector.Sum(v => (double)v * v)), 1e-5);
            for (var d = 0; d < expected.Length; d++)
            {
                Assert.Equal(expected[d], windows[i].Vector[d], 1e-4f);
            }
        }
    }

    [Fact]
    public void A_short_clip_gives_one_window_covering_it()
    {
        using var tower = new ClapAudioTower(OnnxSessionFactory.Default.Open(TinyClapModels.Audio(false)), TinyClapModels.Dimension);

        var windows = tower.Embed(new AudioClip(ClapFeatureExtractorTests.TwoToneSignal(1.5), 48_000));

        var window = Assert.Single(windows);
        Assert.Equal((0.0, 1.5), (window.Start, window.End));
        Assert.All(window.Vector, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Overlapping_windows_stop_at_the_first_that_reaches_the_end()
    {
        var settings = ClapAudioPreprocessing.Default with { HopSeconds = 5 };
        using var tower = new ClapAudioTower(OnnxSessionFactory.Default.Open(TinyClapModels.Audio(false)), TinyClapModels.Dimension, settings);

        Assert.Equal([(0, 480_000), (240_000, 720_000), (480_000, 960_000), (720_000, 1_000_000)], tower.Windows(1_000_000));
        Assert.Equal([(0, 0)], tower.Windows(0));
    }

    [Fact]
    public void Audio_at_another_sample_rate_is_refused_with_what_to_do()
    {
        using var tower = new ClapAudioTower(OnnxSessionFactory.Default.Open(TinyClapModels.Audio(false)), TinyClapModels.Dimension);

        var error = Assert.Throws<ArgumentException>(() => tower.Embed(new AudioClip(new float[16_000], 16_000)));
        Assert.Contains("48000 Hz", error.Message, StringComparison.Ordinal);
    }
}
