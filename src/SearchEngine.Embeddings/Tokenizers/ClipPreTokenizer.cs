namespace SearchEngine.Embeddings.Tokenizers;

/// <summary>
/// Splits normalized text into the pieces that CLIP's pattern
/// <c>&lt;\|startoftext\|&gt;|&lt;\|endoftext\|&gt;|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+</c> finds.
/// Written as a scanner over code points rather than a .NET regex because .NET's <c>\p{L}</c> sees UTF-16 code units and
/// would misclassify letters outside the Basic Multilingual Plane; the scanner tries the alternatives in the pattern's
/// order at each position, as the regex does.
/// </summary>
public static class ClipPreTokenizer
{
    /// <summary>The start-of-text special token.</summary>
    public const string StartOfText = "<|startoftext|>";

    /// <summary>The end-of-text special token.</summary>
    public const string EndOfText = "<|endoftext|>";

    private static readonly string[] Contractions = ["'s", "'t", "'re", "'ve", "'m", "'ll", "'d"];

    /// <summary>Appends the (start, length) of each piece of <paramref name="text"/> to <paramref name="pieces"/>, at most <paramref name="maxPieces"/> of them.</summary>
    public static void Split(ReadOnlySpan<char> text, List<Range> pieces, int maxPieces = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        var i = 0;
        var first = pieces.Count;
        while (i < text.Length && pieces.Count - first < maxPieces)
        {
            var rest = text[i..];
            var length = SpecialOrContraction(rest);
            if (length == 0)
            {
                var kind = UnicodeClassifier.At(text, i, out var width);
                switch (kind)
                {
                    case UnicodeClass.Whitespace:
                        i += width;
                        continue;
                    case UnicodeClass.Number:
                        length = width;
                        break;
                    default:
                        length = UnicodeClassifier.EndOfRun(text, i, kind) - i;
                        break;
                }
            }

            pieces.Add(new Range(i, i + length));
            i += length;
        }
    }

    private static int SpecialOrContraction(ReadOnlySpan<char> rest)
    {
        if (rest[0] == '<')
        {
            if (rest.StartsWith(StartOfText, StringComparison.OrdinalIgnoreCase))
            {
                return StartOfText.Length;
            }

            if (rest.StartsWith(EndOfText, StringComparison.OrdinalIgnoreCase))
            {
                return EndOfText.Length;
            }
        }
        else if (rest[0] == '\'')
        {
            foreach (var contraction in Contractions)
            {
                if (rest.StartsWith(contraction, StringComparison.OrdinalIgnoreCase))
                {
                    return contraction.Length;
                }
            }
        }

        return 0;
    }
}
