using SearchEngine.Embeddings.Text;
using SearchEngine.Embeddings.Text.Glove;

namespace SearchEngine.Embeddings.Tests.Text;

public sealed class GloveTests
{
    private static readonly Lazy<WordVectors> Vectors = new(GloveSetup.Load);

    [Fact]
    public void Converted_vectors_keep_the_package_word_order_and_size()
    {
        var vectors = Vectors.Value;
        Assert.Equal(341_479, vectors.Count);
        Assert.Equal(100, vectors.Dimension);
        Assert.Equal(["the", ",", ".", "of", "to"], vectors.Words.Take(5));
        Assert.Equal(0, vectors.IndexOf("the"));
        Assert.Equal(-1, vectors.IndexOf("qwxzvbnmq"));
    }

    [Fact]
    public void Float16_vector_of_king_matches_the_package_values()
    {
        // The package stores each vector's L2 norm beside it: 6.11760043 for "king"; float16 keeps it within 0.01.
        var king = Vectors.Value.Vector(Vectors.Value.IndexOf("king"));
        var norm = Math.Sqrt(king.Sum(v => (double)v * v));
        Assert.Equal(6.1176, norm, 0.01);
    }

    [Fact]
    public void Nearest_neighbours_of_king_include_queen()
    {
        var vectors = Vectors.Value;
        var neighbours = Nearest(vectors, "king", 10);
        Assert.DoesNotContain("king", neighbours);
        Assert.Contains("queen", neighbours);
    }

    [Fact]
    public void Tokenizer_lowercases_and_splits_punctuation()
    {
        Assert.Equal(["a", "dog", ",", "running", "!", "don", "'", "t", "stop", "2024"], WordTokenizer.Tokenize("A Dog, running!  Don't STOP 2024"));
        Assert.Empty(WordTokenizer.Tokenize("   "));
        Assert.Equal(["café", "😀"], WordTokenizer.Tokenize("Café😀"));
    }

    [Fact]
    public void Corrupt_file_is_refused_with_a_rebuild_hint()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vectors-{Guid.NewGuid():N}.bin");
        try
        {
            WordVectors.Write(path, ["a", "b"], [1, 2, 3, 4], 2);
            Assert.Equal([3f, 4f], WordVectors.Load(path).Vector(1));
            var bytes = File.ReadAllBytes(path);
            bytes[30] ^= 0xFF;
            File.WriteAllBytes(path, bytes);
            var error = Assert.Throws<InvalidDataException>(() => WordVectors.Load(path));
            Assert.Contains("delete it", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static List<string> Nearest(WordVectors vectors, string word, int count)
    {
        var query = vectors.Vector(vectors.IndexOf(word));
        var queryNorm = System.Numerics.Tensors.TensorPrimitives.Norm(query);
        var buffer = new float[vectors.Dimension];
        var scores = new (float Score, int Index)[vectors.Count];
        for (var i = 0; i < vectors.Count; i++)
        {
            vectors.CopyTo(i, buffer);
            var norm = System.Numerics.Tensors.TensorPrimitives.Norm(buffer);
            scores[i] = (norm == 0 ? -1 : System.Numerics.Tensors.TensorPrimitives.Dot(query, buffer) / (norm * queryNorm), i);
        }

        return scores.OrderByDescending(s => s.Score).Select(s => vectors.Words[s.Index]).Where(w => w != word).Take(count).ToList();
    }
}
