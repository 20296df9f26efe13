namespace SearchEngine.Collections.Lexical;

/// <summary>
/// A document's text as <see cref="LexicalIndex"/> holds it: its term ids in ascending order, a term repeated as often
/// as it occurs (title terms count <see cref="LexicalIndex.TitleWeight"/> times), so the length is the field-weighted
/// document length of BM25. Immutable: a changed text is a new instance.
/// </summary>
public sealed class LexicalDocument
{
    private readonly int[] _terms;

    internal LexicalDocument(int[] sortedTerms) => _terms = sortedTerms;

    /// <summary>The weighted number of terms.</summary>
    public int Length => _terms.Length;

    /// <summary>Term ids, ascending, with repeats.</summary>
    internal ReadOnlySpan<int> Terms => _terms;

    /// <summary>How often term <paramref name="termId"/> occurs (weighted).</summary>
    public int Frequency(int termId)
    {
        var at = Array.BinarySearch(_terms, termId);
        if (at < 0)
        {
            return 0;
        }

        var first = at;
        while (first > 0 && _terms[first - 1] == termId)
        {
            first--;
        }

        var last = at;
        while (last + 1 < _terms.Length && _terms[last + 1] == termId)
        {
            last++;
        }

        return last - first + 1;
    }
}
