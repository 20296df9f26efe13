using System.Text.Json;
using SearchEngine.Embeddings.Tokenizers;
using SearchEngine.Testing;

namespace SearchEngine.Embeddings.Tests.Tokenizers;

/// <summary>Every case that openai/CLIP's own tokenizer produced (shared reference_token_ids.json) must come out identical.</summary>
public sealed class ClipTokenizerReferenceTests
{
    private static readonly Lazy<ClipTokenizer> HuggingFaceFiles = new(() => ClipTokenizer.Load(SharedFiles.Require(ClipTokenizer.SharedFolder)));
    private static readonly Lazy<ClipTokenizer> OpenAiFile = new(() =>
        ClipTokenizer.FromOpenAiBpe(SharedFiles.Require(ClipTokenizer.SharedFolder + "/bpe_simple_vocab_16e6.txt.gz")));

    public static TheoryData<int> CaseIds()
    {
        var data = new TheoryData<int>();
        foreach (var c in ReferenceCases.Value)
        {
            data.Add(c.Id);
        }

        return data;
    }

    private static readonly Lazy<IReadOnlyList<ReferenceCase>> ReferenceCases = new(Load);

    [Fact]
    public void The_reference_file_holds_all_28_cases()
    {
        Assert.Equal(28, ReferenceCases.Value.Count);
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Encode_reproduces_the_reference_ids(int id)
    {
        var c = ReferenceCases.Value.Single(x => x.Id == id);
        Assert.Equal(c.Ids, HuggingFaceFiles.Value.Encode(c.Text));
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void EncodeContext_reproduces_the_reference_context77(int id)
    {
        var c = ReferenceCases.Value.Single(x => x.Id == id);
        Assert.Equal(c.Context77, HuggingFaceFiles.Value.EncodeContext(c.Text, 77));
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void The_openai_gzip_vocabulary_gives_the_same_ids(int id)
    {
        var c = ReferenceCases.Value.Single(x => x.Id == id);
        Assert.Equal(c.Ids, OpenAiFile.Value.Encode(c.Text));
    }

    private static List<ReferenceCase> Load()
    {
        using var stream = File.OpenRead(SharedFiles.Require(ClipTokenizer.SharedFolder + "/reference_token_ids.json"));
        using var document = JsonDocument.Parse(stream);
        return [.. document.RootElement.GetProperty("cases").EnumerateArray().Select(c => new ReferenceCase(
            c.GetProperty("id").GetInt32(),
            c.GetProperty("text").GetString()!,
            [.. c.GetProperty("ids").EnumerateArray().Select(x => x.GetInt32())],
            [.. c.GetProperty("context77").EnumerateArray().Select(x => x.GetInt64())]))];
    }

    private sealed record ReferenceCase(int Id, string Text, int[] Ids, long[] Context77);
}
