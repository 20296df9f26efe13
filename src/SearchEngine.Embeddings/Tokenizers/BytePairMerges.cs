namespace SearchEngine.Embeddings.Tokenizers;

/// <summary>
/// The merge engine shared by every byte-level BPE tokenizer here (CLIP, RoBERTa): the vocabulary and the ranked merge
/// list, applied to one pre-tokenized word exactly as the reference <c>bpe()</c> of openai/CLIP and GPT-2 does — repeatedly
/// take the lowest-ranked adjacent pair and merge all its non-overlapping occurrences left to right. Symbols are vocabulary
/// ids, so a merge is a dictionary look-up on a pair of ints. Results are cached per word because queries repeat words.
/// Thread-safe.
/// </summary>
public sealed class BytePairMerges
{
    private const int MaxCachedWords = 200_000;

    private readonly Dictionary<string, int> _vocabulary;
    private readonly Dictionary<long, Merge> _merges;
    private readonly string _endOfWordSuffix;
    private readonly int[] _byteIds;
    private readonly int[] _finalByteIds;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);

    /// <summary>
    /// Builds the engine from a vocabulary (token → id) and merges in rank order (the first merge has the highest priority).
    /// <paramref name="endOfWordSuffix"/> is appended to the last symbol of every word before merging (CLIP's
    /// <c>&lt;/w&gt;</c>; empty for GPT-2/RoBERTa).
    /// </summary>
    /// <exception cref="InvalidDataException">A byte character, or a merge's parts or result, is missing from the vocabulary.</exception>
    public BytePairMerges(IReadOnlyDictionary<string, int> vocabulary, IEnumerable<(string Left, string Right)> merges, string endOfWordSuffix = "")
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(merges);
        _vocabulary = new Dictionary<string, int>(vocabulary, StringComparer.Ordinal);
        _endOfWordSuffix = endOfWordSuffix ?? "";
        _byteIds = new int[256];
        _finalByteIds = new int[256];
        for (var b = 0; b < 256; b++)
        {
            var symbol = ByteLevelAlphabet.Encode((byte)b).ToString();
            _byteIds[b] = Lookup(symbol, "byte symbol");
            _finalByteIds[b] = Lookup(symbol + _endOfWordSuffix, "end-of-word byte symbol");
        }

        _merges = [];
        var rank = 0;
        foreach (var (left, right) in merges)
        {
            var key = Key(Lookup(left, "merge part"), Lookup(right, "merge part"));
            // Real merge files list each pair once; should one repeat, the first (best) rank wins.
            _merges.TryAdd(key, new Merge(rank, Lookup(left + right, "merge result")));
            rank++;
        }

        int Lookup(string token, string what) => _vocabulary.TryGetValue(token, out var id)
            ? id
            : throw new InvalidDataException($"The BPE vocabulary has no entry for the {what} '{token}'; vocab.json and merges.txt do not belong together.");
    }

    /// <summary>Number of vocabulary entries.</summary>
    public int VocabularySize => _vocabulary.Count;

    /// <summary>Number of merges.</summary>
    public int MergeCount => _merges.Count;

    /// <summary>The id of <paramref name="token"/>, or null when the vocabulary lacks it.</summary>
    public int? IdOf(string token) => _vocabulary.TryGetValue(token, out var id) ? id : null;

    /// <summary>
    /// Appends the ids of one pre-tokenized word (already byte-level encoded, see <see cref="ByteLevelAlphabet"/>) to
    /// <paramref name="destination"/>.
    /// </summary>
    public void AppendWord(string byteLevelWord, List<int> destination)
    {
        ArgumentNullException.ThrowIfNull(byteLevelWord);
        ArgumentNullException.ThrowIfNull(destination);
        if (byteLevelWord.Length == 0)
        {
            return;
        }

        if (!_cache.TryGetValue(byteLevelWord, out var ids))
        {
            ids = MergeWord(byteLevelWord);
            if (_cache.Count < MaxCachedWords)
            {
                _cache.TryAdd(byteLevelWord, ids);
            }
        }

        destination.AddRange(ids);
    }

    private int[] MergeWord(string word)
    {
        // Every character of a byte-level word is one of the 256 alphabet characters; map each back to its byte's id.
        var symbols = new List<int>(word.Length);
        for (var i = 0; i < word.Length; i++)
        {
            var b = ByteOf(word[i]);
            symbols.Add(i == word.Length - 1 ? _finalByteIds[b] : _byteIds[b]);
        }

        while (symbols.Count > 1)
        {
            var best = new Merge(int.MaxValue, -1);
            long bestKey = 0;
            for (var i = 0; i + 1 < symbols.Count; i++)
            {
                var key = Key(symbols[i], symbols[i + 1]);
                if (_merges.TryGetValue(key, out var merge) && merge.Rank < best.Rank)
                {
                    best = merge;
                    bestKey = key;
                }
            }

            if (best.Result < 0)
            {
                break;
            }

            var write = 0;
            for (var read = 0; read < symbols.Count; write++)
            {
                if (read + 1 < symbols.Count && Key(symbols[read], symbols[read + 1]) == bestKey)
                {
                    symbols[write] = best.Result;
                    read += 2;
                }
                else
                {
                    symbols[write] = symbols[read];
                    read++;
                }
            }

            symbols.RemoveRange(write, symbols.Count - write);
        }

        return [.. symbols];
    }

    private static int ByteOf(char symbol)
    {
        var b = ByteLevelAlphabet.Decode(symbol);
        return b >= 0
            ? b
            : throw new ArgumentException($"'{symbol}' (U+{(int)symbol:X4}) is not a byte-level BPE character.", nameof(symbol));
    }

    private static long Key(int left, int right) => ((long)left << 32) | (uint)right;

    private readonly record struct Merge(int Rank, int Result);
}
