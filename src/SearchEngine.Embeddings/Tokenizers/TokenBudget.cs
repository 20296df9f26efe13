namespace SearchEngine.Embeddings.Tokenizers;

/// <summary>
/// Bounds the work of filling a model input of a fixed number of tokens. A piece gives at least one token, and a token
/// spans at most <see cref="MaxCharactersPerToken"/> characters of text, so only a piece longer than that many characters
/// per remaining token is cut: a pasted blob, not a word, whose tokens near the cut (past what the model reads) may then
/// differ. Without the cut, one such piece would cost its whole length in merges.
/// </summary>
internal static class TokenBudget
{
    /// <summary>
    /// A generous bound on a token's length in characters: four times the longest token of CLIP's vocabulary (32 bytes).
    /// Were a vocabulary to hold a longer one, only the tokens near a cut could differ.
    /// </summary>
    public const int MaxCharactersPerToken = 128;

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
