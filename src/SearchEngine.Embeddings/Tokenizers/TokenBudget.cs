namespace SearchEngine.Embeddings.Tokenizers;

/// <summary>
/// Bounds the work of filling a model input of a fixed number of tokens. A piece gives at least one token, and no token
/// of the byte-level vocabularies is longer than <see cref="MaxCharactersPerToken"/> characters, so only a piece longer
/// than that many characters per remaining token is cut: a pasted blob, not a word, whose tokens near the cut (far past
/// what the model reads) may then differ. Without the cut, one such piece would cost its whole length in merges.
/// </summary>
internal static class TokenBudget
{
    /// <summary>A generous bound on a token's length in characters (CLIP's and RoBERTa's longest are well under it).</summary>
    public const int MaxCharactersPerToken = 32;

    /// <summary><paramref name="piece"/>, cut to what <paramref name="tokens"/> tokens could hold, never inside a surrogate pair.</summary>
    public static ReadOnlySpan<char> Cut(ReadOnlySpan<char> piece, int tokens)
    {
        var limit = (long)tokens * MaxCharactersPerToken;
        if (piece.Length <= limit)
        {
            return piece;
        }

        var end = (int)limit;
        return char.IsHighSurrogate(piece[end - 1]) ? piece[..(end - 1)] : piece[..end];
    }
}
