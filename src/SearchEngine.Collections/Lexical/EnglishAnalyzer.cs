using System.Collections.Frozen;

namespace SearchEngine.Collections.Lexical;

/// <summary>
/// Splits English text into index terms the way PostgreSQL's <c>english</c> configuration does in spirit: words are
/// runs of letters and digits, lower-cased; the stop words of that configuration's list are dropped; ASCII words are
/// Porter-stemmed. Terms are written into a caller's buffer one at a time, so analysing a query allocates nothing.
/// </summary>
public static class EnglishAnalyzer
{
    /// <summary>Longest term kept; longer words (hashes, URLs) are cut to this length.</summary>
    public const int MaxTermLength = 48;

    // PostgreSQL's english.stop (the Snowball English list).
    private static readonly FrozenSet<string> StopWords = FrozenSet.Create(StringComparer.Ordinal,
        "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours", "yourself", "yourselves",
        "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself", "they", "them", "their",
        "theirs", "themselves", "what", "which", "who", "whom", "this", "that", "these", "those", "am", "is", "are", "was",
        "were", "be", "been", "being", "have", "has", "had", "having", "do", "does", "did", "doing", "a", "an", "the",
        "and", "but", "if", "or", "because", "as", "until", "while", "of", "at", "by", "for", "with", "about", "against",
        "between", "into", "through", "during", "before", "after", "above", "below", "to", "from", "up", "down", "in",
        "out", "on", "off", "over", "under", "again", "further", "then", "once", "here", "there", "when", "where", "why",
        "how", "all", "any", "both", "each", "few", "more", "most", "other", "some", "such", "no", "nor", "not", "only",
        "own", "same", "so", "than", "too", "very", "s", "t", "can", "will", "just", "don", "should", "now");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> StopWordSpans = StopWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// Finds the next term of <paramref name="text"/> at or after <paramref name="position"/>, writes it into
    /// <paramref name="term"/> (at least <see cref="MaxTermLength"/> long) and returns its length, or 0 at the end of the text.
    /// </summary>
    public static int NextTerm(ReadOnlySpan<char> text, ref int position, Span<char> term)
    {
        if (term.Length < MaxTermLength)
        {
            throw new ArgumentException($"The term buffer must hold at least {MaxTermLength} characters.", nameof(term));
        }

        while (position < text.Length)
        {
            while (position < text.Length && !char.IsLetterOrDigit(text[position]))
            {
                position++;
            }

            var length = 0;
            var ascii = true;
            while (position < text.Length && char.IsLetterOrDigit(text[position]))
            {
                var c = char.ToLowerInvariant(text[position++]);
                ascii &= char.IsAsciiLetterLower(c);
                if (length < MaxTermLength)
                {
                    term[length++] = c;
                }
            }

            if (length == 0 || StopWordSpans.Contains(term[..length]))
            {
                continue;
            }

            return ascii ? PorterStemmer.Stem(term[..length]) : length;
        }

        return 0;
    }
}
