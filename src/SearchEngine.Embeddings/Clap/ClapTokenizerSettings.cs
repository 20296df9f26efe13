using SearchEngine.Embeddings.Tokenizers;

namespace SearchEngine.Embeddings.Clap;

/// <summary>The <c>options</c> of a <c>roberta-bpe</c> tokenizer in <c>pack.json</c>.</summary>
/// <param name="MaxLength">Most tokens per text, <c>&lt;s&gt;</c> and <c>&lt;/s&gt;</c> included.</param>
public sealed record ClapTokenizerSettings(int MaxLength = RobertaTokenizer.ClapMaxLength);
