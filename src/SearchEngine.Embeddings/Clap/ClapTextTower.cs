using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SearchEngine.Embeddings.Clip;
using SearchEngine.Embeddings.Tokenizers;
using SearchEngine.Embeddings.Towers;

namespace SearchEngine.Embeddings.Clap;

/// <summary>
/// CLAP's text encoder (RoBERTa) on ONNX Runtime, for the laion/clap-htsat-unfused export (<c>text_model.onnx</c>:
/// <c>input_ids</c> and <c>attention_mask</c> int64 [N, L] → <c>text_embeds</c> [N, D]). Texts are cut to
/// <see cref="RobertaTokenizer.ClapMaxLength"/> tokens and a batch is padded with <c>&lt;pad&gt;</c> to its longest
/// text, as transformers.js does (<c>padding: true</c>); with the mask, padding does not change a text's vector.
/// </summary>
public sealed class ClapTextTower : ITextTower
{
    private readonly InferenceSession _session;
    private readonly RobertaTokenizer _tokenizer;
    private readonly ClapTextTowerOptions _options;
    private readonly bool _feedsMask;

    /// <summary>Wraps an open session (which the tower then owns) and the tokenizer.</summary>
    /// <exception cref="InvalidDataException">The model's inputs or output do not fit the CLAP text layout.</exception>
    public ClapTextTower(InferenceSession session, RobertaTokenizer tokenizer, int dimension, ClapTextTowerOptions? options = null)
    {
        _session = session ?? throw new ArgumentNullException(nameof(session));
        _tokenizer = tokenizer ?? throw new ArgumentNullException(nameof(tokenizer));
        _options = options ?? new ClapTextTowerOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.BatchSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxLength, 2);
        Dimension = dimension;
        var inputs = session.InputMetadata;
        if (!inputs.TryGetValue(_options.InputIdsName, out var ids) || ids.ElementDataType != TensorElementType.Int64)
        {
            throw new InvalidDataException($"CLAP text model: expected an int64 input '{_options.InputIdsName}'; its inputs are '{string.Join("', '", inputs.Keys)}'.");
        }

        _feedsMask = inputs.ContainsKey(_options.AttentionMaskName);
        var unknown = inputs.Keys.Where(name => name != _options.InputIdsName && name != _options.AttentionMaskName).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidDataException($"CLAP text model: input(s) '{string.Join("', '", unknown)}' are not part of the CLAP text layout.");
        }

        if (!session.OutputMetadata.ContainsKey(_options.OutputName))
        {
            throw new InvalidDataException($"CLAP text model: no output '{_options.OutputName}'; its outputs are '{string.Join("', '", session.OutputMetadata.Keys)}'.");
        }

        EmbeddingRows.RequireDimension(session, _options.OutputName, dimension, "CLAP text model");
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <summary>Embeds every text; an empty text becomes <c>&lt;s&gt;&lt;/s&gt;</c> and still gets a finite unit vector.</summary>
    public float[][] Embed(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var result = new float[texts.Count][];
        var max = _options.MaxLength;
        for (var start = 0; start < texts.Count; start += _options.BatchSize)
        {
            var count = Math.Min(_options.BatchSize, texts.Count - start);
            var rows = new long[count * max];
            var masks = new long[count * max];
            var longest = 0;
            for (var i = 0; i < count; i++)
            {
                longest = Math.Max(longest, _tokenizer.EncodeRow(texts[start + i], rows.AsSpan(i * max, max), masks.AsSpan(i * max, max)));
            }

            var ids = new long[count * longest];
            var mask = new long[count * longest];
            for (var i = 0; i < count; i++)
            {
                rows.AsSpan(i * max, longest).CopyTo(ids.AsSpan(i * longest));
                masks.AsSpan(i * max, longest).CopyTo(mask.AsSpan(i * longest));
            }

            long[] shape = [count, longest];
            using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
            using var maskValue = _feedsMask ? OrtValue.CreateTensorValueFromMemory(mask, shape) : null;
            var names = maskValue is null ? new[] { _options.InputIdsName } : [_options.InputIdsName, _options.AttentionMaskName];
            var values = maskValue is null ? new[] { idsValue } : [idsValue, maskValue];
            using var runOptions = new RunOptions();
            using var outputs = _session.Run(runOptions, names, values, [_options.OutputName]);
            EmbeddingRows.CopyNormalized(outputs[0], _options.OutputName, count, Dimension, result, start);
        }

        return result;
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}
