namespace SearchEngine.Embeddings.Tokenizers;

/// <summary>
/// Splits text into the pieces that GPT-2's pattern (used unchanged by RoBERTa and Hugging Face's ByteLevel
/// pre-tokenizer) finds: <c>'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+</c>.
/// A leading space stays on the piece, which is how byte-level BPE tells word starts (<c>Ġ</c>) apart.
/// </summary>
public static class Gpt2PreTokenizer
{
    private static readonly string[] Contractions = ["'s", "'t", "'re", "'ve", "'m", "'ll", "'d"];

    /// <summary>Appends the range of each piece of <paramref name="text"/> to <paramref name="pieces"/>, at most <paramref name="maxPieces"/> of them.</summary>
    public static void Split(ReadOnlySpan<char> text, List<Range> pieces, int maxPieces = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        var i = 0;
        var first = pieces.Count;
        while (i < text.Length && pieces.Count - first < maxPieces)
        {
            var end = PieceEnd(text, i);
            pieces.Add(new Range(i, end));
            i = end;
        }
    }

    private static int PieceEnd(ReadOnlySpan<char> text, int start)
    {
        var rest = text[start..];
        if (rest[0] == '\'')
        {
            foreach (var contraction in Contractions)
            {
                if (rest.StartsWith(contraction, StringComparison.Ordinal))
                {
                    return start + contraction.Length;
                }
            }
        }

        // " ?X+" for letters, numbers and other symbols: one optional plain space, then a run of one class.
        var body = rest[0] == ' ' && rest.Length > 1 ? start + 1 : start;
        var kind = UnicodeClassifier.At(text, body, out _);
        if (kind != UnicodeClass.Whitespace)
        {
            return UnicodeClassifier.EndOfRun(text, body, kind);
        }

        // "\s+(?!\S)" backs off one character so that the last space can lead the next word; "\s+" takes a lone one.
        var runEnd = UnicodeClassifier.EndOfRun(text, start, UnicodeClass.Whitespace);
        if (runEnd == text.Length)
        {
            return runEnd;
        }

        // Every Unicode whitespace character is one UTF-16 unit, so "back off one character" is runEnd - 1.
        return runEnd - start > 1 ? runEnd - 1 : start + 1;
    }
}
