using SearchEngine.Embeddings.Tokenizers;

namespace SearchEngine.Embeddings.Clap;

/// <summary>Tensor names, length and batching of a <see cref="ClapTextTower"/>; defaults fit the Hugging Face export.</summary>
public sealed record ClapTextTowerOptions
{
    /// <summary>The token-id input.</summary>
    public string InputIdsName { get; init; } = "input_ids";

    /// <summary>The attention-mask input, fed when the model declares it.</summary>
    public string AttentionMaskName { get; init; } = "attention_mask";

    /// <summary>The projected text embedding output.</summary>
    public string OutputName { get; init; } = "text_embeds";

    /// <summary>Most tokens per text, <c>&lt;s&gt;</c> and <c>&lt;/s&gt;</c> included.</summary>
    public int MaxLength { get; init; } = RobertaTokenizer.ClapMaxLength;

    /// <summary>Texts per ONNX run.</summary>
    public int BatchSize { get; init; } = 32;
}
