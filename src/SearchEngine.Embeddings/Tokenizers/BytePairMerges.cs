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

    // Longer pieces are rare in text and would let one request pin megabytes in the cache.
    private const int MaxCachedWordLength = 64;

    private const int Removed = -1;

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
            if (_cache.Count < MaxCachedWords && byteLevelWord.Length <= MaxCachedWordLength)
            {
                _cache.TryAdd(byteLevelWord, ids);
            }
        }

        destination.AddRange(ids);
    }

    private int[] MergeWord(string word)
    {
        // The reference takes the lowest-ranked adjacent pair and merges every occurrence of it, rescanning the word
        // each round: quadratic in the word's length, so one long "word" (a pasted blob) costs seconds. Here the pairs
        // wait in a priority queue ordered by (rank, position) over a linked list of symbols, so each merge costs a
        // logarithmic queue step: O(n log n). The order is the reference's: a merge's result only forms pairs ranked
        // after that merge (a merge needs its parts to exist), so all occurrences of a rank are taken left to right
        // before any later rank, exactly as one reference round does.
        var count = word.Length;
        var symbols = new int[count];
        var next = new int[count];
        var previous = new int[count];
        for (var i = 0; i < count; i++)
        {
            var b = ByteOf(word[i]);
            symbols[i] = i == count - 1 ? _finalByteIds[b] : _byteIds[b];
            next[i] = i + 1;
            previous[i] = i - 1;
        }

        var pairs = new PriorityQueue<Pair, (int Rank, int Position)>();
        for (var i = 0; i + 1 < count; i++)
        {
            Offer(i, i + 1);
        }

        while (pairs.TryDequeue(out var pair, out _))
        {
            // A queued pair is stale once either side was merged into something else (a symbol only ever grows).
            if (symbols[pair.Left] != pair.LeftSymbol || symbols[pair.Right] != pair.RightSymbol || next[pair.Left] != pair.Right)
            {
                continue;
            }

            symbols[pair.Left] = pair.Result;
            symbols[pair.Right] = Removed;
            next[pair.Left] = next[pair.Right];
            if (next[pair.Right] < count)
            {
                previous[next[pair.Right]] = pair.Left;
            }

            if (previous[pair.Left] >= 0)
            {
                Offer(previous[pair.Left], pair.Left);
            }

            if (next[pair.Left] < count)
            {
                Offer(pair.Left, next[pair.Left]);
            }
        }

        var merged = new List<int>();
        for (var i = 0; i < count; i = next[i])
        {
            merged.Add(symbols[i]);
        }

        return [.. merged];

        void Offer(int left, int right)
        {
            if (_merges.TryGetValue(Key(symbols[left], symbols[right]), out var merge))
            {
                pairs.Enqueue(new Pair(left, right, symbols[left], symbols[right], merge.Result), (merge.Rank, left));
            }
        }
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

    private readonly record struct Pair(int Left, int Right, int LeftSymbol, int RightSymbol, int Result);
}
