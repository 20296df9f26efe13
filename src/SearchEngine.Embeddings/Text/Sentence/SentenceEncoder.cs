using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SearchEngine.Embeddings.Inference;

namespace SearchEngine.Embeddings.Text.Sentence;

/// <summary>
/// A pretrained sentence encoder (all-MiniLM-L6-v2 by default) on ONNX Runtime, computing what sentence-transformers
/// computes for it: <see cref="SentenceTokenizer"/> ids (<c>[CLS]</c> … <c>[SEP]</c>, at most
/// <see cref="SentenceEncoderOptions.MaxTokens"/>), the transformer's <c>last_hidden_state</c>, its mean over the
/// attention mask, L2 normalization. One text or a batch (sorted by length and padded per batch of
/// <see cref="SentenceEncoderOptions.BatchSize"/>); the padding changes nothing but rounding. An empty text is encoded
/// as <c>[CLS] [SEP]</c> and gets a finite unit vector like any other. Thread-safe; holds one ONNX session.
/// </summary>
/// <remarks>A text backbone, not a pack tower: its vectors live in the model's own 384-d space.</remarks>
public sealed class SentenceEncoder : IDisposable
{
    /// <summary>The longest input a BERT-style model's position table takes.</summary>
    public const int MaxPositions = 512;

    private readonly InferenceSession _session;
    private readonly SentenceEncoderOptions _options;
    private readonly bool _feedsTokenTypes;

    /// <summary>Opens <paramref name="files"/>' model with <paramref name="sessions"/> and loads its vocabulary.</summary>
    /// <exception cref="InvalidDataException">The model's inputs or output do not fit the layout; the message names what it has.</exception>
    public SentenceEncoder(SentenceModelFiles files, OnnxSessionFactory? sessions = null, SentenceEncoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        _options = options ?? new SentenceEncoderOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxTokens, 2, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_options.MaxTokens, MaxPositions, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.BatchSize, nameof(options));
        Tokenizer = new SentenceTokenizer(files.Vocabulary, _options.MaxTokens);
        _session = (sessions ?? OnnxSessionFactory.Default).Open(files.Model);
        try
        {
            _feedsTokenTypes = CheckInputs(files.Model);
            Dimension = CheckOutput(files.Model);
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    /// <summary>Length of every vector (384 for all-MiniLM-L6-v2).</summary>
    public int Dimension { get; }

    /// <summary>The tokenizer, e.g. to see how a text is cut.</summary>
    public SentenceTokenizer Tokenizer { get; }

    /// <summary>all-MiniLM-L6-v2 from the cache, extracted there first when needed (<see cref="MiniLmSetup"/>).</summary>
    public static SentenceEncoder OpenMiniLm(OnnxSessionFactory? sessions = null, SentenceEncoderOptions? options = null) =>
        new(MiniLmSetup.EnsureExtracted(), sessions, options);

    /// <summary>The unit vector of one text (null reads as empty).</summary>
    public float[] Encode(string? text) => Encode([text ?? string.Empty])[0];

    /// <summary>One unit vector per text, in input order.</summary>
    public float[][] Encode(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var tokens = new long[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            tokens[i] = Tokenizer.Encode(texts[i]);
        }

        // Texts of similar length share a batch, so little of each run is padding.
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => tokens[i].Length).ToArray();
        var result = new float[texts.Count][];
        using var runOptions = new RunOptions();
        for (var first = 0; first < order.Length; first += _options.BatchSize)
        {
            Run(order.AsSpan(first, Math.Min(_options.BatchSize, order.Length - first)), tokens, result, runOptions);
        }

        return result;
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();

    private void Run(ReadOnlySpan<int> rows, long[][] tokens, float[][] result, RunOptions runOptions)
    {
        var length = 0;
        foreach (var row in rows)
        {
            length = Math.Max(length, tokens[row].Length);
        }

        var count = rows.Length;
        var ids = new long[count * length];
        var mask = new long[count * length];
        for (var r = 0; r < count; r++)
        {
            // Padding is id 0 ([PAD]) under mask 0.
            tokens[rows[r]].CopyTo(ids, r * length);
            mask.AsSpan(r * length, tokens[rows[r]].Length).Fill(1);
        }

        long[] shape = [count, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = _feedsTokenTypes ? OrtValue.CreateTensorValueFromMemory(new long[count * length], shape) : null;
        string[] names = typesValue is null
            ? [_options.InputIdsName, _options.AttentionMaskName]
            : [_options.InputIdsName, _options.AttentionMaskName, _options.TokenTypeIdsName];
        OrtValue[] values = typesValue is null ? [idsValue, maskValue] : [idsValue, maskValue, typesValue];
        using var outputs = _session.Run(runOptions, names, values, [_options.OutputName]);

        var outputShape = outputs[0].GetTensorTypeAndShape().Shape;
        if (outputShape.Length != 3 || outputShape[0] != count || outputShape[1] != length || outputShape[2] != Dimension)
        {
            throw new InvalidDataException(
                $"The sentence model's output '{_options.OutputName}' has shape [{string.Join(", ", outputShape)}]; expected [{count}, {length}, {Dimension}].");
        }

        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        var sum = new float[Dimension];
        for (var r = 0; r < count; r++)
        {
            // Mean over the tokens under the mask: they are the first tokens[row].Length positions of the row.
            Array.Clear(sum);
            var real = tokens[rows[r]].Length;
            for (var t = 0; t < real; t++)
            {
                TensorPrimitives.Add(sum, hidden.Slice(((r * length) + t) * Dimension, Dimension), sum);
            }

            TensorPrimitives.Divide(sum, real, sum);
            result[rows[r]] = VectorNormalization.ToUnit(sum);
        }
    }

    // input_ids and attention_mask are required, token_type_ids optional; anything else would be left unfed.
    private bool CheckInputs(string model)
    {
        var inputs = _session.InputMetadata;
        foreach (var required in new[] { _options.InputIdsName, _options.AttentionMaskName })
        {
            if (!inputs.TryGetValue(required, out var input) || input.ElementDataType != TensorElementType.Int64)
            {
                throw new InvalidDataException($"Sentence model '{model}': expected an int64 input '{required}'; it has {Describe(inputs)}.");
            }
        }

        var known = new[] { _options.InputIdsName, _options.AttentionMaskName, _options.TokenTypeIdsName };
        var unknown = inputs.Keys.Except(known, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidDataException($"Sentence model '{model}': input(s) '{string.Join("', '", unknown)}' are not among {string.Join(", ", known)}.");
        }

        return inputs.ContainsKey(_options.TokenTypeIdsName);
    }

    private int CheckOutput(string model)
    {
        if (!_session.OutputMetadata.TryGetValue(_options.OutputName, out var output))
        {
            throw new InvalidDataException(
                $"Sentence model '{model}': no output '{_options.OutputName}'; its outputs are '{string.Join("', '", _session.OutputMetadata.Keys)}'.");
        }

        var dims = output.Dimensions;
        if (output.ElementDataType != TensorElementType.Float || dims.Length != 3 || dims[2] <= 0)
        {
            throw new InvalidDataException(
                $"Sentence model '{model}': output '{_options.OutputName}' is {output.ElementDataType} [{string.Join(", ", dims)}]; expected float [N, L, D] with a fixed D.");
        }

        return dims[2];
    }

    private static string Describe(IReadOnlyDictionary<string, NodeMetadata> inputs) =>
        string.Join(", ", inputs.Select(pair => $"'{pair.Key}' ({pair.Value.ElementDataType})"));
}
