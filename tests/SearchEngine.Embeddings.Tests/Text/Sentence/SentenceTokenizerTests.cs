using System.Diagnostics;
using System.Text;
using SearchEngine.Embeddings.Text.Sentence;
using Xunit.Abstractions;

namespace SearchEngine.Embeddings.Tests.Text.Sentence;

public sealed class SentenceTokenizerTests(ITestOutputHelper output)
{
    private static readonly Lazy<SentenceTokenizer> Tokenizer = new(() => new SentenceTokenizer(MiniLmSetup.EnsureExtracted().Vocabulary, 256));

    [Fact]
    public void Token_ids_match_Hugging_Face_for_every_reference_text()
    {
        // The apps run with InvariantGlobalization, where .NET cannot decompose accented letters; so do the tests,
        // which makes the accented cases prove that accent stripping does not depend on ICU.
        Assert.True(AppContext.TryGetSwitch("System.Globalization.Invariant", out var invariant) && invariant);
        var reference = SentenceTexts.HuggingFace.Value;
        Assert.True(reference.Count > 130);
        var mismatches = reference
            .Where(c => !c.Ids.SequenceEqual(Tokenizer.Value.Encode(c.Text)))
            .Select(c => $"{Escape(c.Text)}: expected [{string.Join(",", c.Ids)}], got [{string.Join(",", Tokenizer.Value.Encode(c.Text))}]")
            .ToList();
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public void Text_beyond_256_word_pieces_is_cut_keeping_CLS_and_SEP()
    {
        var ids = Tokenizer.Value.Encode(string.Concat(Enumerable.Repeat("A dog runs on the grass. ", 200)));
        Assert.Equal(256, ids.Length);
        Assert.Equal(101, ids[0]);
        Assert.Equal(102, ids[^1]);
    }

    [Fact]
    public void A_one_megabyte_text_gives_the_ids_of_its_start_at_the_cost_of_a_short_text()
    {
        var megabyte = new StringBuilder();
        while (megabyte.Length < 1 << 20)
        {
            megabyte.Append("Two dogs are playing tug-of-war with a rope, café au lait. ");
        }

        var text = megabyte.ToString();
        Assert.Equal(Tokenizer.Value.Encode(text[..3000]), Tokenizer.Value.Encode(text));

        var shortText = "Two dogs are playing tug-of-war with a rope.";
        var longMedian = MedianMilliseconds(() => Tokenizer.Value.Encode(text));
        var shortMedian = MedianMilliseconds(() => Tokenizer.Value.Encode(shortText));
        output.WriteLine($"tokenize: 1 MB text {longMedian:F3} ms, short text {shortMedian:F3} ms (median of 21)");
        // Reading the whole megabyte would take milliseconds; the window keeps it near a 256-token text's cost.
        Assert.True(longMedian < 5, $"a 1 MB text took {longMedian:F3} ms to tokenize");
    }

    [Fact]
    public void The_window_never_splits_a_word_or_a_surrogate_pair()
    {
        Assert.Equal("one two ", SentenceTokenizer.Window("one two three", 10));
        Assert.Equal("one,", SentenceTokenizer.Window("one,twothree", 6));
        Assert.Equal("中文", SentenceTokenizer.Window("中文中文", 2));
        Assert.Equal("abcd", SentenceTokenizer.Window("abcd\U0001F438", 5));
        Assert.Equal("short", SentenceTokenizer.Window("short", 10));
    }

    [Fact]
    public void Null_and_empty_text_are_CLS_SEP()
    {
        Assert.Equal([101L, 102L], Tokenizer.Value.Encode(null));
        Assert.Equal([101L, 102L], Tokenizer.Value.Encode(string.Empty));
        Assert.Equal([101L, 102L], Tokenizer.Value.Encode("\u200b\u0000 \t"));
    }

    private static double MedianMilliseconds(Action action)
    {
        action();
        var times = new double[21];
        for (var i = 0; i < times.Length; i++)
        {
            var started = Stopwatch.GetTimestamp();
            action();
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(times);
        return times[times.Length / 2];
    }

    private static string Escape(string text) =>
        text.Length > 80 ? System.Text.Json.JsonSerializer.Serialize(text[..80]) + "…" : System.Text.Json.JsonSerializer.Serialize(text);
}
