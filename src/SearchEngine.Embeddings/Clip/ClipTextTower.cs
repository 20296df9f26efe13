using Microsoft.ML.OnnxRuntime;
using SearchEngine.Embeddings.Tokenizers;
using SearchEngine.Embeddings.Towers;

namespace SearchEngine.Embeddings.Clip;

/// <summary>
/// CLIP's text encoder on ONNX Runtime, for the Hugging Face / transformers.js export (<c>text_model.onnx</c>:
/// <c>input_ids</c> int64 [N, 77] → <c>text_embeds</c> [N, D]). When the model also declares <c>attention_mask</c> it
/// is fed 1 over start…end and 0 over padding. Padding is 0 (openai/CLIP's <c>clip.tokenize</c>): the exported text
/// model pools the hidden state at the end-of-text token (argmax of the ids, or the first end-of-text id), and its
/// causal attention never lets a token see the padding after it, so the padding id cannot change the result.
/// </summary>
public sealed class ClipTextTower : ITextTower
{
    private readonly TokenIdsModel _model;
    private readonly ClipTokenizer _tokenizer;
    private readonly ClipTextTowerOptions _options;

    /// <summary>Wraps an open session (which the tower then owns) and the tokenizer.</summary>
    /// <exception cref="InvalidDataException">The model's inputs or output do not fit the CLIP text layout.</exception>
    public ClipTextTower(InferenceSession session, ClipTokenizer tokenizer, int dimension, ClipTextTowerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        _tokenizer = tokenizer ?? throw new ArgumentNullException(nameof(tokenizer));
        _options = options ?? new ClipTextTowerOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.BatchSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.ContextLength, 2);
        Dimension = dimension;
        _model = new TokenIdsModel(session, _options.InputIdsName, _options.AttentionMaskName, _options.OutputName, dimension, "CLIP text model");
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <summary>Whether the model declared <c>attention_mask</c> and is fed one.</summary>
    public bool FeedsAttentionMask => _model.FeedsMask;

    /// <summary>
    /// Embeds every text. An empty text becomes start + end tokens and still gets a finite unit vector; text beyond
    /// the context (75 tokens) is cut, keeping the end token.
    /// </summary>
    public float[][] Embed(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var result = new float[texts.Count][];
        var context = _options.ContextLength;
        for (var start = 0; start < texts.Count; start += _options.BatchSize)
        {
            var count = Math.Min(_options.BatchSize, texts.Count - start);
            var ids = new long[count * context];
            var mask = _model.FeedsMask ? new long[count * context] : null;
            for (var i = 0; i < count; i++)
            {
                var length = _tokenizer.EncodeContext(texts[start + i], ids.AsSpan(i * context, context), _options.Padding);
                mask?.AsSpan(i * context, length).Fill(1);
            }

            _model.Run(ids, mask, count, context, result, start);
        }

        return result;
    }

    /// <inheritdoc />
    public void Dispose() => _model.Dispose();

}
