using SearchEngine.Core.Media;
using SearchEngine.Embeddings.Clip;
using SearchEngine.Embeddings.Inference;

namespace SearchEngine.Embeddings.Tests.Clip;

public sealed class ClipImageTowerTests
{
    [Fact]
    public void Solid_colours_give_the_graph_output_for_their_normalized_values()
    {
        using var tower = new ClipImageTower(OnnxSessionFactory.Default.Open(TinyClipModels.Vision()), TinyClipModels.Dimension);
        byte[][] colours = [[255, 0, 0], [0, 128, 255], [30, 30, 30]];

        var vectors = tower.Embed([.. colours.Select(c => ClipImagePreprocessorTests.Solid(320, 240, c[0], c[1], c[2]))]);

        var defaults = ClipImagePreprocessing.Default;
        for (var i = 0; i < colours.Length; i++)
        {
            var means = Enumerable.Range(0, 3).Select(c => (colours[i][c] / 255.0 - defaults.Mean[c]) / defaults.Std[c]).ToArray();
            var expected = TinyClipModels.ExpectedImage(means);
            Assert.Equal(1.0, Math.Sqrt(vectors[i].Sum(v => (double)v * v)), 1e-5);
            for (var d = 0; d < expected.Length; d++)
            {
                Assert.Equal(expected[d], vectors[i][d], 1e-4f);
            }
        }
    }

    [Fact]
    public void Batches_give_the_same_vectors_as_single_calls()
    {
        using var tower = new ClipImageTower(OnnxSessionFactory.Default.Open(TinyClipModels.Vision()), TinyClipModels.Dimension, batchSize: 2);
        RgbImage[] images =
        [
            ClipImagePreprocessorTests.Pattern(37, 23),
            ClipImagePreprocessorTests.Pattern(300, 500),
            ClipImagePreprocessorTests.Solid(224, 224, 1, 2, 3),
        ];

        var batched = tower.Embed(images);

        for (var i = 0; i < images.Length; i++)
        {
            var single = tower.Embed([images[i]])[0];
            for (var d = 0; d < single.Length; d++)
            {
                Assert.Equal(single[d], batched[i][d], 1e-6f);
            }
        }
    }

    [Fact]
    public void A_text_model_is_refused_as_a_vision_model_with_its_input_names()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            new ClipImageTower(OnnxSessionFactory.Default.Open(TinyClipModels.Text(false)), TinyClipModels.Dimension));
        Assert.Contains("'pixel_values'", error.Message, StringComparison.Ordinal);
        Assert.Contains("input_ids", error.Message, StringComparison.Ordinal);
    }
}
