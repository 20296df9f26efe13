using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace SearchEngine.Embeddings.Towers;

/// <summary>
/// A transformer text encoder on ONNX Runtime in the Hugging Face export layout: int64 token ids [N, L], optionally an
/// int64 attention mask [N, L] (fed only when the model declares it), and one embedding row per text. The CLIP and
/// CLAP text towers tokenize differently and share this: the layout checks at load time and the batched run.
/// </summary>
internal sealed class TokenIdsModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _idsName;
    private readonly string _maskName;
    private readonly string _outputName;
    private readonly int _dimension;

    /// <exception cref="InvalidDataException">The model's inputs or output do not fit the layout; the message names what it has.</exception>
    public TokenIdsModel(InferenceSession session, string idsName, string maskName, string outputName, int dimension, string description)
    {
        _session = session ?? throw new ArgumentNullException(nameof(session));
        (_idsName, _maskName, _outputName, _dimension) = (idsName, maskName, outputName, dimension);
        var inputs = session.InputMetadata;
        if (!inputs.TryGetValue(idsName, out var ids) || ids.ElementDataType != TensorElementType.Int64)
        {
            throw new InvalidDataException($"{description}: expected an int64 input '{idsName}'; the model has {Describe(inputs)}.");
        }

        FeedsMask = inputs.ContainsKey(maskName);
        var unknown = inputs.Keys.Where(name => name != idsName && name != maskName).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidDataException(
                $"{description}: input(s) '{string.Join("', '", unknown)}' are not part of the text layout ({idsName}, optional {maskName}).");
        }

        if (!session.OutputMetadata.ContainsKey(outputName))
        {
            throw new InvalidDataException($"{description}: no output '{outputName}'; its outputs are '{string.Join("', '", session.OutputMetadata.Keys)}'.");
        }

        EmbeddingRows.RequireDimension(session, outputName, dimension, description);
    }

    /// <summary>Whether the model declared the attention mask and is fed one.</summary>
    public bool FeedsMask { get; }

    /// <summary>
    /// Runs <paramref name="count"/> rows of <paramref name="length"/> token ids (and their mask, when the model takes
    /// one) and writes the L2-normalized embeddings to <paramref name="result"/> from index <paramref name="start"/>.
    /// </summary>
    public void Run(long[] ids, long[]? mask, int count, int length, float[][] result, int start)
    {
        long[] shape = [count, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = FeedsMask && mask is not null ? OrtValue.CreateTensorValueFromMemory(mask, shape) : null;
        var names = maskValue is null ? new[] { _idsName } : [_idsName, _maskName];
        var values = maskValue is null ? new[] { idsValue } : [idsValue, maskValue];
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, names, values, [_outputName]);
        EmbeddingRows.CopyNormalized(outputs[0], _outputName, count, _dimension, result, start);
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();

    private static string Describe(IReadOnlyDictionary<string, NodeMetadata> inputs) =>
        string.Join(", ", inputs.Select(pair => $"'{pair.Key}' ({pair.Value.ElementDataType})"));
}
