using System.Text;

namespace SearchEngine.Embeddings.Tokenizers;

/// <summary>
/// RoBERTa's tokenizer (GPT-2 byte-level BPE, as Hugging Face's <c>RobertaTokenizer</c> with
/// <c>add_prefix_space=false</c>), used by CLAP's text tower: <see cref="Gpt2PreTokenizer"/> pieces, byte alphabet with
/// <c>Ġ</c> for a space, merges by rank (<see cref="BytePairMerges"/>, the engine CLIP uses), then
/// <c>&lt;s&gt; … &lt;/s&gt;</c> and <c>&lt;pad&gt;</c> padding. Special-token strings inside the text are not given
/// their special ids (they are tokenized as text), so user input cannot inject control tokens. Thread-safe.
/// </summary>
public sealed class RobertaTokenizer
{
    /// <summary>The text length CLAP's text tower is fed (laion/clap-htsat-unfused's tokenizer max length).</summary>
    public const int ClapMaxLength = 77;

    private readonly BytePairMerges _bpe;

    /// <summary>Wraps a merge engine whose vocabulary holds RoBERTa's special tokens.</summary>
    /// <exception cref="InvalidDataException">A special token is missing from the vocabulary.</exception>
    public RobertaTokenizer(BytePairMerges bpe)
    {
        _bpe = bpe ?? throw new ArgumentNullException(nameof(bpe));
        BeginId = Special("<s>");
        PadId = Special("<pad>");
        EndId = Special("</s>");

        int Special(string token) => bpe.IdOf(token)
            ?? throw new InvalidDataException($"The RoBERTa vocabulary has no {token} token.");
    }

    /// <summary>Id of <c>&lt;s&gt;</c> (0 in RoBERTa's vocabulary).</summary>
    public int BeginId { get; }

    /// <summary>Id of <c>&lt;pad&gt;</c> (1). RoBERTa derives position ids from it, so padding must use exactly this id.</summary>
    public int PadId { get; }

    /// <summary>Id of <c>&lt;/s&gt;</c> (2).</summary>
    public int EndId { get; }

    /// <summary>Loads <c>vocab.json</c> and <c>merges.txt</c> from <paramref name="folder"/>.</summary>
    public static RobertaTokenizer Load(string folder) =>
        FromFiles(Path.Combine(folder, "vocab.json"), Path.Combine(folder, "merges.txt"));

    /// <summary>Loads a Hugging Face <c>vocab.json</c> and <c>merges.txt</c>.</summary>
    public static RobertaTokenizer FromFiles(string vocabularyPath, string mergesPath) =>
        new(new BytePairMerges(BpeFiles.ReadVocabulary(vocabularyPath), BpeFiles.ReadMerges(mergesPath)));

    /// <summary>The BPE ids of <paramref name="text"/>, without special tokens or truncation.</summary>
    public int[] Encode(string text)
    {
        var ids = new List<int>();
        AppendIds(text, ids);
        return [.. ids];
    }

    /// <summary>
    /// Writes the model input for <paramref name="text"/> into one row: <c>&lt;s&gt;</c>, ids cut to
    /// <c>inputIds.Length - 2</c>, <c>&lt;/s&gt;</c>, then <see cref="PadId"/>; <paramref name="attentionMask"/> is 1 over
    /// the tokens and 0 over padding. Returns the number of tokens (the unpadded length).
    /// </summary>
    public int EncodeRow(string text, Span<long> inputIds, Span<long> attentionMask)
    {
        if (inputIds.Length < 2 || attentionMask.Length != inputIds.Length)
        {
            throw new ArgumentException("The row needs room for <s> and </s>, and a mask of the same length.", nameof(attentionMask));
        }

        var ids = new List<int>(inputIds.Length);
        AppendIds(text, ids, inputIds.Length - 2);
        var count = Math.Min(ids.Count, inputIds.Length - 2);
        inputIds[0] = BeginId;
        for (var i = 0; i < count; i++)
        {
            inputIds[i + 1] = ids[i];
        }

        inputIds[count + 1] = EndId;
        inputIds[(count + 2)..].Fill(PadId);
        attentionMask[..(count + 2)].Fill(1);
        attentionMask[(count + 2)..].Clear();
        return count + 2;
    }

    /// <summary>
    /// Appends the ids of <paramref name="text"/>, stopping once <paramref name="budget"/> ids are there (see
    /// <see cref="TokenBudget"/>), so a row costs the same whatever the text's length.
    /// </summary>
    private void AppendIds(string text, List<int> ids, int budget = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pieces = new List<Range>();
        Gpt2PreTokenizer.Split(text, pieces, budget);
        var word = new StringBuilder();
        foreach (var range in pieces)
        {
            if (ids.Count >= budget)
            {
                break;
            }

            word.Clear();
            ByteLevelAlphabet.AppendEncoded(TokenBudget.Cut(text.AsSpan()[range], budget - ids.Count), word);
            _bpe.AppendWord(word.ToString(), ids);
        }
    }
}
