using SearchEngine.Embeddings.Clip;
using SearchEngine.Embeddings.Inference;
using SearchEngine.Embeddings.Tokenizers;
using SearchEngine.Testing;

namespace SearchEngine.Embeddings.Tests.Clip;

public sealed class ClipTextTowerTests
{
    private static readonly Lazy<ClipTokenizer> Tokenizer = new(() => ClipTokenizer.Load(SharedFiles.Require(ClipTokenizer.SharedFolder)));

    private static readonly string[] Texts =
    [
        "a photo of a cat",
        "A dog running on the beach, chasing a red ball!",
        "",
        "café crème brûlée",
        string.Join(' ', Enumerable.Repeat("very long caption", 40)),
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Feeds_the_reference_token_ids_and_returns_unit_vectors_of_the_pack_dimension(bool modelHasAttentionMask)
    {
        using var tower = new ClipTextTower(
            OnnxSessionFactory.Default.Open(TinyClipModels.Text(modelHasAttentionMask)), Tokenizer.Value, TinyClipModels.Dimension);
        Assert.Equal(modelHasAttentionMask, tower.FeedsAttentionMask);

        var vectors = tower.Embed(Texts);

        Assert.Equal(Texts.Length, vectors.Length);
        for (var i = 0; i < Texts.Length; i++)
        {
            var ids = Tokenizer.Value.EncodeContext(Texts[i]);
            var length = Array.IndexOf(ids, (long)Tokenizer.Value.EndOfTextId) + 1;
            long[]? mask = modelHasAttentionMask ? [.. Enumerable.Range(0, 77).Select(t => t < length ? 1L : 0L)] : null;
            var expected = TinyClipModels.ExpectedText(ids, mask);
            Assert.Equal(TinyClipModels.Dimension, vectors[i].Length);
            Assert.Equal(1.0, Math.Sqrt(vectors[i].Sum(v => (double)v * v)), 1e-5);
            for (var d = 0; d < expected.Length; d++)
            {
                Assert.Equal(expected[d], vectors[i][d], 1e-5f);
            }
        }
    }

    [Fact]
    public void Batches_give_the_same_vectors_as_single_calls()
    {
        using var tower = new ClipTextTower(
            OnnxSessionFactory.Default.Open(TinyClipModels.Text(true)), Tokenizer.Value, TinyClipModels.Dimension, new ClipTextTowerOptions { BatchSize = 2 });

        var batched = tower.Embed(Texts);

        for (var i = 0; i < Texts.Length; i++)
        {
            // Batched matrix products may sum in another order: equal to float rounding, not bit for bit.
            var single = tower.Embed([Texts[i]])[0];
            for (var d = 0; d < single.Length; d++)
            {
                Assert.Equal(single[d], batched[i][d], 1e-6f);
            }
        }
    }

    [Fact]
    public void A_model_with_the_wrong_dimension_is_refused_at_load_time()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            new ClipTextTower(OnnxSessionFactory.Default.Open(TinyClipModels.Text(false)), Tokenizer.Value, dimension: 512));
        Assert.Contains("[N, 512]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_without_input_ids_is_refused_with_the_names_it_has()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            new ClipTextTower(OnnxSessionFactory.Default.Open(TinyClipModels.Vision()), Tokenizer.Value, TinyClipModels.Dimension));
        Assert.Contains("'input_ids'", error.Message, StringComparison.Ordinal);
        Assert.Contains("pixel_values", error.Message, StringComparison.Ordinal);
    }
}
