using Microsoft.ML.Tokenizers;
using SearchEngine.Embeddings.Tokenizers;
using SearchEngine.Testing.Packs;

namespace SearchEngine.Embeddings.Tests.Tokenizers;

public sealed class RobertaTokenizerTests : IDisposable
{
    // Byte symbols: '!' is the first (id 4), 'a' id 4 + 0x61 - 0x21 = 68, 'b' 69, 'Ġ' (space) 4 + 188 + 32 = 224.
    private const int Exclamation = 4, A = 68, B = 69, Space = 224;

    private readonly TinyRobertaFiles _files = new();
    private readonly RobertaTokenizer _tokenizer;

    public RobertaTokenizerTests() => _tokenizer = RobertaTokenizer.Load(_files.Folder);

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Words_merge_by_rank_with_the_space_kept_on_the_following_word()
    {
        // "The" → T+he → The (267); " cat" → Ġc → Ġca → Ġcat (263); "'s" (268); " hat": at (r4) before Ġh (r5) → Ġhat (266);
        // " sat": at then Ġs, and no merge joins Ġs+at → 269, 264; "!" → byte symbol.
        Assert.Equal([267, 263, 268, 266, 269, 264, Exclamation], _tokenizer.Encode("The cat's hat sat!"));
    }

    [Fact]
    public void A_run_of_spaces_leaves_its_last_space_to_the_next_word()
    {
        Assert.Equal([A, Space, Space, B], _tokenizer.Encode("a  b"));
        Assert.Equal([A, Space, Space], _tokenizer.Encode("a  "));
    }

    [Fact]
    public void EncodeRow_wraps_in_s_tags_and_pads_with_the_pad_id_and_a_zero_mask()
    {
        var ids = new long[8];
        var mask = new long[8];
        var length = _tokenizer.EncodeRow("The cat", ids, mask);
        Assert.Equal(4, length);
        Assert.Equal([0, 267, 263, 2, 1, 1, 1, 1], ids);
        Assert.Equal([1, 1, 1, 1, 0, 0, 0, 0], mask);
    }

    [Fact]
    public void EncodeRow_truncates_but_keeps_the_end_tag()
    {
        var ids = new long[4];
        var mask = new long[4];
        Assert.Equal(4, _tokenizer.EncodeRow("The cat's hat sat!", ids, mask));
        Assert.Equal([0, 267, 263, 2], ids);
        Assert.Equal([1, 1, 1, 1], mask);
    }

    [Theory]
    [InlineData("The cat's hat sat!")]
    // Runs of plain spaces or tabs are left out here: CodeGenTokenizer maps them to CodeGen's own added whitespace tokens, which
    // GPT-2 and RoBERTa lack (A_run_of_spaces_leaves_its_last_space_to_the_next_word covers them by hand).
    [InlineData(" leading space, trailing\ttab \n and new\n\nlines \t\n")]
    [InlineData("I'm here; you're there -- we'll meet at 5:30pm, they'd said. DON'T SHOUT'S")]
    [InlineData("café crème brûlée, Ångström, 日本語のテキスト, Привет мир, Γειά σου, 𝐀𝐁𝐂 math letters")]
    [InlineData("emoji 👋🌍 ❤️ 👍🏽 and digits 3.14159 1,000,000")]
    [InlineData("")]
    public void Matches_Microsoft_ML_Tokenizers_on_the_same_files(string text)
    {
        using var vocabulary = File.OpenRead(_files.VocabularyPath);
        using var merges = File.OpenRead(_files.MergesPath);
        var independent = CodeGenTokenizer.Create(vocabulary, merges, addPrefixSpace: false, addBeginOfSentence: false, addEndOfSentence: false);
        Assert.Equal(independent.EncodeToIds(text), _tokenizer.Encode(text));
    }

    [Fact]
    public void EncodeRow_of_a_megabyte_stops_at_the_row_and_gives_the_row_its_start_gives()
    {
        var text = string.Concat(Enumerable.Repeat("The cat's hat sat! ", 60_000));
        var blob = new string('a', 1_000_000) + " cat";
        var (ids, mask) = (new long[16], new long[16]);
        var (startIds, startMask) = (new long[16], new long[16]);

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        _tokenizer.EncodeRow(text, ids, mask);
        _tokenizer.EncodeRow(blob, new long[16], new long[16]);
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);

        _tokenizer.EncodeRow(text[..200], startIds, startMask);
        Assert.Equal(startIds, ids);
        Assert.Equal(startMask, mask);
        Assert.True(elapsed < TimeSpan.FromMilliseconds(500), $"two 1 MB rows took {elapsed.TotalMilliseconds:F0} ms");
    }
}
