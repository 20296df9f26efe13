namespace SearchEngine.Embeddings.Tokenizers;

/// <summary>What fills a CLIP context after the end-of-text token.</summary>
public enum ClipPadding
{
    /// <summary>Id 0, as openai/CLIP's <c>clip.tokenize</c> pads (the CLIP pack's choice).</summary>
    Zero,

    /// <summary>The end-of-text id 49407, as the Hugging Face CLIP tokenizer pads (its pad token is <c>&lt;|endoftext|&gt;</c>).</summary>
    EndOfText,
}
