using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
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
    private readonly InferenceSession _session;
    private readonly ClipTokenizer _tokenizer;
    private readonly ClipTextTowerOptions _options;
    private readonly bool _feedsMask;

    /// <summary>Wraps an open session (which the tower then owns) and the tokenizer.</summary>
    /// <exception cref="InvalidDataException">The model's inputs or output do not fit the CLIP text layout.</exception>
    public ClipTextTower(InferenceSession session, ClipTokenizer tokenizer, int dimension, ClipTextTowerOptions? options = null)
    {
        _session = session ?? throw new ArgumentNullException(nameof(session));
        _tokenizer = tokenizer ?? throw new ArgumentNullException(nameof(tokenizer));
        _options = options ?? new ClipTextTowerOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.BatchSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.ContextLength, 2);
        Dimension = dimension;
        var inputs = session.InputMetadata;
        if (!inputs.TryGetValue(_options.InputIdsName, out var ids) || ids.ElementDataType != TensorElementType.Int64)
        {
            throw new InvalidDataException(
                $"CLIP text model: expected an int64 input '{_options.InputIdsName}'; the model has {Describe(inputs)}.");
        }

        _feedsMask = inputs.ContainsKey(_options.AttentionMaskName);
        var unknown = inputs.Keys.Where(name => name != _options.InputIdsName && name != _options.AttentionMaskName).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidDataException(
                $"CLIP text model: input(s) '{string.Join("', '", unknown)}' are not part of the CLIP text layout ({_options.InputIdsName}, optional {_options.AttentionMaskName}).");
        }

        if (!session.OutputMetadata.ContainsKey(_options.OutputName))
        {
            throw new InvalidDataException(
                $"CLIP text model: no output '{_options.OutputName}'; its outputs are '{string.Join("', '", session.OutputMetadata.Keys)}'.");
        }

        EmbeddingRows.RequireDimension(session, _options.OutputName, dimension, "CLIP text model");
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <summary>Whether the model declared <c>attention_mask</c> and is fed one.</summary>
    public bool FeedsAttentionMask => _feedsMask;

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
            var mask = _feedsMask ? new long[count * context] : null;
            for (var i = 0; i < count; i++)
            {
                var length = _tokenizer.EncodeContext(texts[start + i], ids.AsSpan(i * context, context), _options.Padding);
                mask?.AsSpan(i * context, length).Fill(1);
            }

            long[] shape = [count, context];
            using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
            using var maskValue = mask is null ? null : OrtValue.CreateTensorValueFromMemory(mask, shape);
            var names = mask is null ? new[] { _options.InputIdsName } : [_options.InputIdsName, _options.AttentionMaskName];
            var values = maskValue is null ? new[] { idsValue } : [idsValue, maskValue];
            using var runOptions = new RunOptions();
            using var outputs = _session.Run(runOptions, names, values, [_options.OutputName]);
            EmbeddingRows.CopyNormalized(outputs[0], _options.OutputName, count, Dimension, result, start);
        }

        return result;
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();

    private static string Describe(IReadOnlyDictionary<string, NodeMetadata> inputs) =>
        string.Join(", ", inputs.Select(pair => $"'{pair.Key}' ({pair.Value.ElementDataType})"));
}
