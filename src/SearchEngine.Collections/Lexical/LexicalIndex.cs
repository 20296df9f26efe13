using System.Collections.Concurrent;

namespace SearchEngine.Collections.Lexical;

/// <summary>
/// BM25 (Robertson &amp; Zaragoza, "The Probabilistic Relevance Framework", 2009) over documents' titles and captions,
/// in memory beside the vector index: the lexical signal of hybrid search. It holds the collection-wide statistics
/// (document frequencies, average length) and scores any given document against a query, so the query path ranks its
/// vector candidates by text without a PostgreSQL round trip. One writer (the catalogue's catch-up) and any number of
/// concurrent readers; readers may see statistics one change old, which moves scores negligibly.
/// </summary>
public sealed class LexicalIndex
{
    /// <summary>Term-frequency saturation, the usual 1.2.</summary>
    public const float K1 = 1.2f;

    /// <summary>Length normalisation, the usual 0.75.</summary>
    public const float B = 0.75f;

    /// <summary>A title word counts this many times a caption word (PostgreSQL's search_vector weighs titles A, captions B).</summary>
    public const int TitleWeight = 2;

    /// <summary>Most distinct query terms scored; longer queries keep their first ones.</summary>
    public const int MaxQueryTerms = 64;

    private readonly ConcurrentDictionary<string, int> _termIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _termIdsBySpan;
    private int[] _documentFrequency = new int[1024];
    private int _documents;
    private long _totalLength;

    /// <summary>Creates an empty index.</summary>
    public LexicalIndex() => _termIdsBySpan = _termIds.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Documents counted in the statistics.</summary>
    public int DocumentCount => Volatile.Read(ref _documents);

    /// <summary>
    /// The terms of a document with <paramref name="title"/> and <paramref name="caption"/>, or null when it has none.
    /// New terms join the vocabulary (writer only).
    /// </summary>
    public LexicalDocument? Analyze(string? title, string? caption)
    {
        var terms = new List<int>();
        for (var i = 0; i < TitleWeight; i++)
        {
            AddTerms(title, terms);
        }

        AddTerms(caption, terms);
        if (terms.Count == 0)
        {
            return null;
        }

        var sorted = terms.ToArray();
        Array.Sort(sorted);
        return new LexicalDocument(sorted);
    }

    /// <summary>Counts <paramref name="document"/> in the statistics (writer only).</summary>
    public void Add(LexicalDocument document) => Count(document, +1);

    /// <summary>Takes <paramref name="document"/> out of the statistics (writer only).</summary>
    public void Remove(LexicalDocument document) => Count(document, -1);

    /// <summary>
    /// Writes the distinct terms of <paramref name="query"/> that occur in the collection into <paramref name="termIds"/>
    /// (at most <see cref="MaxQueryTerms"/>) and returns how many there are. Allocates nothing.
    /// </summary>
    public int QueryTerms(ReadOnlySpan<char> query, Span<int> termIds)
    {
        Span<char> term = stackalloc char[EnglishAnalyzer.MaxTermLength];
        var count = 0;
        var position = 0;
        int length;
        while (count < termIds.Length && (length = EnglishAnalyzer.NextTerm(query, ref position, term)) > 0)
        {
            if (_termIdsBySpan.TryGetValue(term[..length], out var id) && !termIds[..count].Contains(id))
            {
                termIds[count++] = id;
            }
        }

        return count;
    }

    /// <summary>The BM25 score of <paramref name="document"/> for the query terms (from <see cref="QueryTerms"/>); 0 when none occurs.</summary>
    public float Score(ReadOnlySpan<int> queryTerms, LexicalDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var documents = Math.Max(1, Volatile.Read(ref _documents));
        var averageLength = Math.Max(1f, (float)(Interlocked.Read(ref _totalLength) / (double)documents));
        var frequencies = Volatile.Read(ref _documentFrequency);
        var norm = K1 * (1 - B + (B * document.Length / averageLength));
        var score = 0f;
        foreach (var term in queryTerms)
        {
            var tf = document.Frequency(term);
            if (tf == 0)
            {
                continue;
            }

            var df = term < frequencies.Length ? Math.Max(1, frequencies[term]) : 1;
            var idf = MathF.Log(1 + ((documents - df + 0.5f) / (df + 0.5f)));
            score += idf * tf * (K1 + 1) / (tf + norm);
        }

        return score;
    }

    private void AddTerms(string? text, List<int> terms)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        Span<char> term = stackalloc char[EnglishAnalyzer.MaxTermLength];
        var position = 0;
        int length;
        while ((length = EnglishAnalyzer.NextTerm(text, ref position, term)) > 0)
        {
            var span = term[..length];
            if (!_termIdsBySpan.TryGetValue(span, out var id))
            {
                id = _termIds.Count;
                _termIds[span.ToString()] = id;
            }

            terms.Add(id);
        }
    }

    private void Count(LexicalDocument document, int delta)
    {
        ArgumentNullException.ThrowIfNull(document);
        var terms = document.Terms;
        var frequencies = _documentFrequency;
        if (terms[^1] >= frequencies.Length)
        {
            var grown = new int[Math.Max(terms[^1] + 1, frequencies.Length * 2)];
            frequencies.CopyTo(grown, 0);
            Volatile.Write(ref _documentFrequency, grown);
            frequencies = grown;
        }

        for (var i = 0; i < terms.Length; i++)
        {
            if (i == 0 || terms[i] != terms[i - 1])
            {
                frequencies[terms[i]] += delta;
            }
        }

        Interlocked.Add(ref _documents, delta);
        Interlocked.Add(ref _totalLength, delta * terms.Length);
    }
}
