using System.IO.Compression;
using System.Text;
using SearchEngine.Core;

namespace SearchEngine.Embeddings.Tokenizers;

/// <summary>
/// CLIP's byte-level BPE tokenizer, reproducing openai/CLIP's <c>SimpleTokenizer.encode</c> and <c>clip.tokenize</c>:
/// clean and lower-case the text (<see cref="ClipTextNormalizer"/>), split it (<see cref="ClipPreTokenizer"/>), map each
/// piece's UTF-8 bytes to the byte alphabet and merge with <c>&lt;/w&gt;</c> marking the end of each word. Thread-safe.
/// </summary>
public sealed class ClipTokenizer
{
    /// <summary>Where the tokenizer files of openai/clip-vit-base-patch32 lie inside the shared folder.</summary>
    public const string SharedFolder = "models/clip-vit-base-patch32-tokenizer";

    /// <summary>The context length CLIP's text encoder was trained with.</summary>
    public const int DefaultContextLength = 77;

    /// <summary>The end-of-word marker appended to the last symbol of each word.</summary>
    public const string EndOfWord = "</w>";

    private readonly BytePairMerges _bpe;

    /// <summary>Wraps a merge engine whose vocabulary holds CLIP's two special tokens.</summary>
    /// <exception cref="InvalidDataException">The vocabulary lacks <c>&lt;|startoftext|&gt;</c> or <c>&lt;|endoftext|&gt;</c>.</exception>
    public ClipTokenizer(BytePairMerges bpe)
    {
        _bpe = bpe ?? throw new ArgumentNullException(nameof(bpe));
        StartOfTextId = bpe.IdOf(ClipPreTokenizer.StartOfText)
            ?? throw new InvalidDataException($"The CLIP vocabulary has no {ClipPreTokenizer.StartOfText} token.");
        EndOfTextId = bpe.IdOf(ClipPreTokenizer.EndOfText)
            ?? throw new InvalidDataException($"The CLIP vocabulary has no {ClipPreTokenizer.EndOfText} token.");
    }

    /// <summary>Id of <c>&lt;|startoftext|&gt;</c> (49406 in openai's vocabulary).</summary>
    public int StartOfTextId { get; }

    /// <summary>Id of <c>&lt;|endoftext|&gt;</c> (49407 in openai's vocabulary).</summary>
    public int EndOfTextId { get; }

    /// <summary>Number of tokens in the vocabulary.</summary>
    public int VocabularySize => _bpe.VocabularySize;

    /// <summary>
    /// Loads the tokenizer from a folder holding Hugging Face's <c>vocab.json</c> and <c>merges.txt</c>, or else
    /// openai's <c>bpe_simple_vocab_16e6.txt.gz</c>.
    /// </summary>
    /// <exception cref="FileNotFoundException">The folder holds neither form.</exception>
    public static ClipTokenizer Load(string folder)
    {
        var vocabulary = Path.Combine(folder, "vocab.json");
        var merges = Path.Combine(folder, "merges.txt");
        if (File.Exists(vocabulary) && File.Exists(merges))
        {
            return FromHuggingFaceFiles(vocabulary, merges);
        }

        var openAi = Path.Combine(folder, "bpe_simple_vocab_16e6.txt.gz");
        if (File.Exists(openAi))
        {
            return FromOpenAiBpe(openAi);
        }

        throw new FileNotFoundException(
            $"No CLIP tokenizer in '{folder}': expected vocab.json and merges.txt, or bpe_simple_vocab_16e6.txt.gz.", folder);
    }

    /// <summary>Loads openai/clip-vit-base-patch32's tokenizer from the shared folder (<see cref="SharedFolder"/>).</summary>
    public static ClipTokenizer FromSharedData(SharedData shared)
    {
        ArgumentNullException.ThrowIfNull(shared);
        return Load(shared.Require(SharedFolder));
    }

    /// <summary>Loads Hugging Face's <c>vocab.json</c> and <c>merges.txt</c>.</summary>
    public static ClipTokenizer FromHuggingFaceFiles(string vocabularyPath, string mergesPath) =>
        new(new BytePairMerges(BpeFiles.ReadVocabulary(vocabularyPath), BpeFiles.ReadMerges(mergesPath), EndOfWord));

    /// <summary>
    /// Loads openai's <c>bpe_simple_vocab_16e6.txt.gz</c> and builds the vocabulary as <c>SimpleTokenizer</c> does:
    /// the 256 byte symbols, the same with <c>&lt;/w&gt;</c>, the first 48 894 merges joined, then the two special tokens.
    /// </summary>
    public static ClipTokenizer FromOpenAiBpe(string gzipPath)
    {
        const int MergeCount = 49152 - 256 - 2;
        List<string> lines;
        using (var reader = new StreamReader(new GZipStream(File.OpenRead(gzipPath), CompressionMode.Decompress), Encoding.UTF8))
        {
            lines = [.. reader.ReadToEnd().Split('\n').Skip(1).Take(MergeCount)];
        }

        var merges = BpeFiles.ParseMerges(lines, gzipPath);
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var symbol in ByteLevelAlphabet.VocabularyOrder)
        {
            vocabulary.Add(symbol.ToString(), vocabulary.Count);
        }

        foreach (var symbol in ByteLevelAlphabet.VocabularyOrder)
        {
            vocabulary.Add(symbol + EndOfWord, vocabulary.Count);
        }

        foreach (var (left, right) in merges)
        {
            vocabulary.TryAdd(left + right, vocabulary.Count);
        }

        vocabulary.Add(ClipPreTokenizer.StartOfText, vocabulary.Count);
        vocabulary.Add(ClipPreTokenizer.EndOfText, vocabulary.Count);
        return new ClipTokenizer(new BytePairMerges(vocabulary, merges, EndOfWord));
    }

    /// <summary>The BPE ids of <paramref name="text"/>, with no start/end tokens and no truncation (<c>SimpleTokenizer.encode</c>).</summary>
    public int[] Encode(string text)
    {
        var ids = new List<int>();
        AppendIds(text, ids);
        return [.. ids];
    }

    /// <summary>
    /// The model input for <paramref name="text"/> (<c>clip.tokenize(text, contextLength, truncate=True)</c>):
    /// start, ids, end; cut to <paramref name="contextLength"/> with the last id forced to end-of-text; then padded.
    /// </summary>
    public long[] EncodeContext(string text, int contextLength = DefaultContextLength, ClipPadding padding = ClipPadding.Zero)
    {
        var context = new long[contextLength];
        EncodeContext(text, context, padding);
        return context;
    }

    /// <summary>
    /// Writes the model input for <paramref name="text"/> into <paramref name="context"/> (whose length is the context
    /// length), e.g. one row of a batch tensor; returns how many positions hold tokens (start to end inclusive).
    /// </summary>
    public int EncodeContext(string text, Span<long> context, ClipPadding padding = ClipPadding.Zero)
    {
        if (context.Length < 2)
        {
            throw new ArgumentException("A CLIP context needs room for at least the start and end tokens.", nameof(context));
        }

        var ids = new List<int>(context.Length);
        AppendIds(text, ids, context.Length - 2);
        var count = Math.Min(ids.Count, context.Length - 2);
        context[0] = StartOfTextId;
        for (var i = 0; i < count; i++)
        {
            context[i + 1] = ids[i];
        }

        context[count + 1] = EndOfTextId;
        context[(count + 2)..].Fill(padding == ClipPadding.Zero ? 0 : EndOfTextId);
        return count + 2;
    }

    /// <summary>
    /// Appends the ids of <paramref name="text"/>, stopping once <paramref name="budget"/> ids are there: every piece
    /// gives at least one id, so only the first <paramref name="budget"/> pieces are split off, and a piece longer than
    /// the budget could fill is cut (<see cref="TokenBudget"/>), which keeps a model input's cost independent of the
    /// text's length.
    /// </summary>
    private void AppendIds(string text, List<int> ids, int budget = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = ClipTextNormalizer.Normalize(text);
        var pieces = new List<Range>();
        ClipPreTokenizer.Split(normalized, pieces, budget);
        var word = new StringBuilder();
        foreach (var range in pieces)
        {
            if (ids.Count >= budget)
            {
                break;
            }

            var piece = TokenBudget.Cut(normalized.AsSpan()[range], budget - ids.Count);
            if (piece.SequenceEqual(ClipPreTokenizer.StartOfText))
            {
                ids.Add(StartOfTextId);
                continue;
            }

            if (piece.SequenceEqual(ClipPreTokenizer.EndOfText))
            {
                ids.Add(EndOfTextId);
                continue;
            }

            word.Clear();
            ByteLevelAlphabet.AppendEncoded(piece, word);
            _bpe.AppendWord(word.ToString(), ids);
        }
    }
}
