namespace SearchEngine.Embeddings.Text.Sentence;

/// <summary>Token limit, batching and tensor names of a <see cref="SentenceEncoder"/>; defaults fit all-MiniLM-L6-v2.</summary>
public sealed record SentenceEncoderOptions
{
    /// <summary>
    /// Word pieces per text, <c>[CLS]</c> and <c>[SEP]</c> included: 256 is sentence-transformers' <c>max_seq_length</c>
    /// for all-MiniLM-L6-v2 (it was trained on 128; the model's position table holds 512, the most this may be).
    /// </summary>
    public int MaxTokens { get; init; } = 256;

    /// <summary>Texts per ONNX run; a call's texts are sorted by length first so each batch pads little.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>The int64 token-id input.</summary>
    public string InputIdsName { get; init; } = "input_ids";

    /// <summary>The int64 attention-mask input (1 over tokens, 0 over padding).</summary>
    public string AttentionMaskName { get; init; } = "attention_mask";

    /// <summary>The int64 segment input, fed zeros when the model declares it.</summary>
    public string TokenTypeIdsName { get; init; } = "token_type_ids";

    /// <summary>The float token-embedding output [N, L, D] that is mean-pooled.</summary>
    public string OutputName { get; init; } = "last_hidden_state";
}
