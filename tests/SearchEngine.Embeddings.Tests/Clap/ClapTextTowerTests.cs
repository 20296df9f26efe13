using SearchEngine.Embeddings.Clap;
using SearchEngine.Embeddings.Inference;
using SearchEngine.Embeddings.Tokenizers;
using SearchEngine.Testing.Packs;

namespace SearchEngine.Embeddings.Tests.Clap;

public sealed class ClapTextTowerTests : IDisposable
{
    private static readonly string[] Texts = ["The cat's hat sat!", "a", "", "The cat " + string.Join(' ', Enumerable.Repeat("hat", 100))];

    private readonly TinyRobertaFiles _files = new();
    private readonly RobertaTokenizer _tokenizer;

    public ClapTextTowerTests() => _tokenizer = RobertaTokenizer.Load(_files.Folder);

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Feeds_s_ids_s_with_a_mask_and_returns_the_graph_output_normalized()
    {
        using var tower = new ClapTextTower(OnnxSessionFactory.Default.Open(TinyClapModels.Text()), _tokenizer, TinyClapModels.Dimension);

        var vectors = tower.Embed(Texts);

        for (var i = 0; i < Texts.Length; i++)
        {
            var ids = new List<long> { 0 };
            ids.AddRange(_tokenizer.Encode(Texts[i]).Take(75).Select(id => (long)id));
            ids.Add(2);
            var expected = TinyClapModels.ExpectedText(ids);
            Assert.Equal(1.0, Math.Sqrt(vectors[i].Sum(v => (double)v * v)), 1e-5);
            for (var d = 0; d < expected.Length; d++)
            {
                Assert.Equal(expected[d], vectors[i][d], 1e-5f);
            }
        }
    }

    [Fact]
    public void Padding_a_batch_to_its_longest_text_does_not_change_any_vector()
    {
        using var tower = new ClapTextTower(OnnxSessionFactory.Default.Open(TinyClapModels.Text()), _tokenizer, TinyClapModels.Dimension, new ClapTextTowerOptions { BatchSize = 3 });

        var batched = tower.Embed(Texts);

        for (var i = 0; i < Texts.Length; i++)
        {
            var single = tower.Embed([Texts[i]])[0];
            for (var d = 0; d < single.Length; d++)
            {
                Assert.Equal(single[d], batched[i][d], 1e-6f);
            }
        }
    }
}
