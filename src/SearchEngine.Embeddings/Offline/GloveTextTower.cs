using System.Buffers;
using Microsoft.ML.OnnxRuntime;
using SearchEngine.Embeddings.Inference;
using SearchEngine.Embeddings.Onnx;
using SearchEngine.Embeddings.Text;
using SearchEngine.Embeddings.Text.Glove;
using SearchEngine.Embeddings.Towers;

namespace SearchEngine.Embeddings.Offline;

/// <summary>
/// The offline text tower: <see cref="WordTokenizer"/> → GloVe-style word vectors (unknown words dropped) →
/// trained head over <c>word_vectors</c> [N,T,100] with <c>mask</c> [N,T] → L2 normalization.
/// A text with no known word is fed as an all-zero mask; heads built by <see cref="HeadGraphs"/> pool that to the
/// zero vector, so the result is the head's bias direction, finite and the same for every such text (and the zero
/// vector if the head returns zeros). Use <see cref="KnownWords"/> to tell such texts apart.
/// </summary>
public sealed class GloveTextTower : ITextTower
{
    /// <summary>The tower type in <c>pack.json</c>.</summary>
    public const string TypeName = "glove+head";

    private const int DefaultBatchSize = 64;
    private readonly InferenceSession _head;
    private readonly WordVectors _vectors;
    private readonly int _maxTokens;
    private readonly int _batchSize;

    internal GloveTextTower(TowerContext context)
    {
        var (tokenizer, vectorsFile) = context.RequireTokenizerFile("words", "vectors", GloveSetup.PackReference);

        var options = WordTokenizerOptions.Default;
        if (tokenizer.Options is { ValueKind: System.Text.Json.JsonValueKind.Object } json)
        {
            options = System.Text.Json.JsonSerializer.Deserialize(json, OfflineJsonContext.Default.WordTokenizerOptions) ?? options;
        }

        _maxTokens = Math.Max(1, options.MaxTokens);
        _batchSize = context.Tower.BatchSize ?? DefaultBatchSize;
        _vectors = WordVectors.Load(vectorsFile);
        _head = context.OpenSession("head");
        try
        {
            context.RequireTensors(_head, "head", [HeadContract.WordVectors, HeadContract.Mask], [HeadContract.Embedding]);
            Dimension = (int)(FloatTensor.LastDimension(_head, HeadContract.Embedding) ?? context.Dimension);
        }
        catch
        {
            _head.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <summary>The word vectors the tower looks words up in.</summary>
    public WordVectors Vectors => _vectors;

    /// <summary>The vocabulary indices of the known words of <paramref name="text"/>, in order, at most the tower's token limit.</summary>
    public List<int> KnownWords(string text)
    {
        var known = new List<int>();
        foreach (var token in WordTokenizer.Tokenize(text))
        {
            var index = _vectors.IndexOf(token);
            if (index >= 0)
            {
                known.Add(index);
                if (known.Count == _maxTokens)
                {
                    break;
                }
            }
        }

        return known;
    }

    /// <inheritdoc />
    public float[][] Embed(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var result = new float[texts.Count][];
        var width = _vectors.Dimension;
        using var runOptions = new RunOptions();
        for (var first = 0; first < texts.Count; first += _batchSize)
        {
            var count = Math.Min(_batchSize, texts.Count - first);
            var words = new List<int>[count];
            var longest = 1;
            for (var i = 0; i < count; i++)
            {
                words[i] = KnownWords(texts[first + i] ?? string.Empty);
                longest = Math.Max(longest, words[i].Count);
            }

            var vectorBuffer = ArrayPool<float>.Shared.Rent(count * longest * width);
            var maskBuffer = ArrayPool<float>.Shared.Rent(count * longest);
            try
            {
                Array.Clear(vectorBuffer, 0, count * longest * width);
                Array.Clear(maskBuffer, 0, count * longest);
                for (var i = 0; i < count; i++)
                {
                    for (var t = 0; t < words[i].Count; t++)
                    {
                        _vectors.CopyTo(words[i][t], vectorBuffer.AsSpan((i * longest + t) * width, width));
                        maskBuffer[i * longest + t] = 1f;
                    }
                }

                using var vectorTensor = FloatTensor.Wrap(vectorBuffer, count * longest * width, count, longest, width);
                using var maskTensor = FloatTensor.Wrap(maskBuffer, count * longest, count, longest);
                using var output = _head.Run(runOptions, [HeadContract.WordVectors, HeadContract.Mask], [vectorTensor, maskTensor], [HeadContract.Embedding]);
                VectorNormalization.RowsToUnit(output[0].GetTensorDataAsSpan<float>(), count, Dimension).CopyTo(result, first);
            }
            finally
            {
                ArrayPool<float>.Shared.Return(vectorBuffer);
                ArrayPool<float>.Shared.Return(maskBuffer);
            }
        }

        return result;
    }

    /// <inheritdoc />
    public void Dispose() => _head.Dispose();
}
