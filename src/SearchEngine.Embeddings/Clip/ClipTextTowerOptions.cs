using SearchEngine.Embeddings.Tokenizers;

namespace SearchEngine.Embeddings.Clip;

/// <summary>Tensor names, context and batching of a <see cref="ClipTextTower"/>; defaults fit the Hugging Face export.</summary>
public sealed record ClipTextTowerOptions
{
    /// <summary>The token-id input.</summary>
    public string InputIdsName { get; init; } = "input_ids";

    /// <summary>The optional attention-mask input, fed only when the model declares it.</summary>
    public string AttentionMaskName { get; init; } = "attention_mask";

    /// <summary>The projected text embedding output.</summary>
    public string OutputName { get; init; } = "text_embeds";

    /// <summary>Tokens per text, start and end included.</summary>
    public int ContextLength { get; init; } = ClipTokenizer.DefaultContextLength;

    /// <summary>What fills the context after the end token.</summary>
    public ClipPadding Padding { get; init; } = ClipPadding.Zero;

    /// <summary>Texts per ONNX run.</summary>
    public int BatchSize { get; init; } = 32;
}
