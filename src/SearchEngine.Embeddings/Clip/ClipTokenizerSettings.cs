using SearchEngine.Embeddings.Tokenizers;

namespace SearchEngine.Embeddings.Clip;

/// <summary>The <c>options</c> of a <c>clip-bpe</c> tokenizer in <c>pack.json</c>.</summary>
/// <param name="ContextLength">Tokens per text, start and end included (77 for every released CLIP).</param>
/// <param name="Padding">What follows the end token: <see cref="ClipPadding.Zero"/> or <see cref="ClipPadding.EndOfText"/>.</param>
public sealed record ClipTokenizerSettings(int ContextLength = ClipTokenizer.DefaultContextLength, ClipPadding Padding = ClipPadding.Zero);
