namespace SearchEngine.Embeddings.Text;

/// <summary>Options of the <c>words</c> tokenizer (the <c>tokenizer.options</c> object of a <c>glove+head</c> tower).</summary>
/// <param name="MaxTokens">Known words kept per text; later ones are dropped (captions and queries are short).</param>
public sealed record WordTokenizerOptions(int MaxTokens = 64)
{
    /// <summary>The defaults.</summary>
    public static WordTokenizerOptions Default { get; } = new();
}
