using Microsoft.ML.OnnxRuntime;
using SearchEngine.Embeddings.Inference;
using SearchEngine.Embeddings.Onnx;
using SearchEngine.Embeddings.Text.Sentence;
using SearchEngine.Embeddings.Towers;

namespace SearchEngine.Embeddings.Offline;

/// <summary>
/// The offline text tower of pack v3: a pretrained sentence encoder (all-MiniLM-L6-v2, <see cref="SentenceEncoder"/>)
/// → <c>sentence</c> [N,384] → trained head → L2 normalization. The head of a concept-bridge pack returns the learned
/// vector beside the sentence vector itself, so text also meets the concept vectors of pictures and sounds.
/// </summary>
public sealed class SentenceTextTower : ITextTower
{
    /// <summary>The tower type in <c>pack.json</c>.</summary>
    public const string TypeName = "minilm+head";

    private const int DefaultBatchSize = 32;
    private readonly SentenceEncoder _encoder;
    private readonly InferenceSession _head;
    private readonly int _batchSize;

    internal SentenceTextTower(TowerContext context)
    {
        var (tokenizer, vocabulary) = context.RequireTokenizerFile("wordpiece", "vocabulary", "…/vocab.txt");

        // The manifest may set the token limit; the tensor names are the model's own and stay as they are.
        var options = new SentenceEncoderOptions();
        if (tokenizer.Options is { ValueKind: System.Text.Json.JsonValueKind.Object } json && json.TryGetProperty("maxTokens", out var maxTokens))
        {
            if (maxTokens.ValueKind != System.Text.Json.JsonValueKind.Number || !maxTokens.TryGetInt32(out var limit) || limit < 2 || limit > SentenceEncoder.MaxPositions)
            {
                throw new Packs.PackLoadException(
                    $"Model pack '{context.Pack.Id}': tower '{context.Slot}' tokenizer option \"maxTokens\" must be a whole number from 2 to {SentenceEncoder.MaxPositions}.");
            }

            options = options with { MaxTokens = limit };
        }

        _batchSize = context.Tower.BatchSize ?? DefaultBatchSize;
        var files = new SentenceModelFiles(
            context.Files.Require(context.Model("encoder").File, $"tower '{context.Slot}' model 'encoder'"),
            vocabulary);
        try
        {
            _encoder = new SentenceEncoder(files, context.Sessions, options with { BatchSize = _batchSize });
        }
        catch (InvalidDataException e)
        {
            throw new Packs.PackLoadException($"Model pack '{context.Pack.Id}': tower '{context.Slot}' model 'encoder': {e.Message}", e);
        }

        try
        {
            _head = context.OpenSession("head");
            context.RequireTensors(_head, "head", [HeadContract.Sentence], [HeadContract.Embedding]);
            Dimension = (int)(FloatTensor.LastDimension(_head, HeadContract.Embedding) ?? context.Dimension);
        }
        catch
        {
            _encoder.Dispose();
            _head?.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    /// <remarks>
    /// True: a padded position is masked out of attention (its softmax weight underflows to exactly 0) and out of the mean
    /// pooling, and ONNX Runtime's CPU matrix products sum each output over the same inner dimension in the same order
    /// whatever the number of rows, so a text's vector is bit-identical alone or in a batch (tested on Flickr8k captions
    /// in SentenceTextTowerBatchTests; checked on 400 captions in batches of 2, 4 and 8).
    /// </remarks>
    public bool BatchesExactly => true;

    /// <summary>The sentence encoder under the head.</summary>
    public SentenceEncoder Encoder => _encoder;

    /// <inheritdoc />
    public float[][] Embed(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var result = new float[texts.Count][];
        using var runOptions = new RunOptions();
        for (var first = 0; first < texts.Count; first += _batchSize)
        {
            var count = Math.Min(_batchSize, texts.Count - first);
            var sentences = _encoder.Encode([.. texts.Skip(first).Take(count)]);
            var buffer = new float[count * _encoder.Dimension];
            for (var i = 0; i < count; i++)
            {
                sentences[i].CopyTo(buffer, i * _encoder.Dimension);
            }

            using var input = FloatTensor.Wrap(buffer, buffer.Length, count, _encoder.Dimension);
            using var output = _head.Run(runOptions, [HeadContract.Sentence], [input], [HeadContract.Embedding]);
            VectorNormalization.RowsToUnit(output[0].GetTensorDataAsSpan<float>(), count, Dimension).CopyTo(result, first);
        }

        return result;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _encoder.Dispose();
        _head.Dispose();
    }
}
