using Microsoft.ML.OnnxRuntime;
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
    private readonly TokenIdsModel _model;
    private readonly RobertaTokenizer _tokenizer;
    private readonly ClapTextTowerOptions _options;

    /// <summary>Wraps an open session (which the tower then owns) and the tokenizer.</summary>
    /// <exception cref="InvalidDataException">The model's inputs or output do not fit the CLAP text layout.</exception>
    public ClapTextTower(InferenceSession session, RobertaTokenizer tokenizer, int dimension, ClapTextTowerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        _tokenizer = tokenizer ?? throw new ArgumentNullException(nameof(tokenizer));
        _options = options ?? new ClapTextTowerOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.BatchSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxLength, 2);
        Dimension = dimension;
        _model = new TokenIdsModel(session, _options.InputIdsName, _options.AttentionMaskName, _options.OutputName, dimension, "CLAP text model");
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

            _model.Run(ids, mask, count, longest, result, start);
        }

        return result;
    }

    /// <inheritdoc />
    public void Dispose() => _model.Dispose();
}
