using System.Buffers;
using Microsoft.ML.OnnxRuntime;
using SearchEngine.Core.Media;
using SearchEngine.Embeddings.Inference;
using SearchEngine.Embeddings.Onnx;
using SearchEngine.Embeddings.Towers;
using SearchEngine.Embeddings.Vision;

namespace SearchEngine.Embeddings.Offline;

/// <summary>
/// The offline image tower: ImageNet preprocessing → MobileNetV2 (int8 weights, computed in float32 when the manifest
/// asks, as the offline pack's does) pooled <c>features</c> [N,1280] → trained head (which also takes the ImageNet
/// <c>logits</c> when it declares them, see <see cref="ConceptGraphs"/>) → L2 normalization. Images are preprocessed in
/// parallel into one pooled NCHW batch buffer; the backbone's outputs are fed straight into the head without copying.
/// </summary>
public sealed class MobileNetImageTower : IImageTower
{
    /// <summary>The tower type in <c>pack.json</c>.</summary>
    public const string TypeName = "mobilenetv2+head";

    // On CPU the backbone costs least per image at small batches (measured on the int8 graph: 2.9 ms CPU/image at
    // batch 1, 4.7 at 8, 5.4 at 32: activations of large batches fall out of cache). GPU packs set "batchSize" higher.
    private const int DefaultBatchSize = 1;
    private readonly InferenceSession _backbone;
    private readonly InferenceSession _head;
    private readonly ImageTensorWriter _writer;
    private readonly string _backboneInput;
    private readonly string _backboneFeatures;
    private readonly string? _backboneLogits;
    private readonly int _batchSize;

    internal MobileNetImageTower(TowerContext context)
    {
        _writer = new ImageTensorWriter(context.Preprocessing(OfflineJsonContext.Default.ImagePreprocessing, ImagePreprocessing.MobileNetV2));
        var backbone = context.Model("backbone");
        _backboneInput = backbone.InputName("image");
        _backboneFeatures = backbone.OutputName("features");
        _batchSize = context.Tower.BatchSize ?? DefaultBatchSize;
        _backbone = context.OpenSession("backbone");
        try
        {
            context.RequireTensors(_backbone, "backbone", [_backboneInput], [_backboneFeatures]);
            _head = context.OpenSession("head");
            context.RequireTensors(_head, "head", [HeadContract.Features], [HeadContract.Embedding]);
            // A concept-bridge head also takes the ImageNet logits.
            if (_head.InputMetadata.ContainsKey(HeadContract.Logits))
            {
                _backboneLogits = backbone.OutputName("logits");
                context.RequireTensors(_backbone, "backbone", [], [_backboneLogits]);
            }
            Dimension = (int)(FloatTensor.LastDimension(_head, HeadContract.Embedding) ?? context.Dimension);
        }
        catch
        {
            _backbone.Dispose();
            _head?.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public float[][] Embed(IReadOnlyList<RgbImage> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var result = new float[images.Count][];
        var perImage = _writer.Settings.TensorLength;
        var crop = _writer.Settings.Crop;
        var buffer = ArrayPool<float>.Shared.Rent(Math.Min(images.Count, _batchSize) * perImage);
        try
        {
            using var runOptions = new RunOptions();
            for (var first = 0; first < images.Count; first += _batchSize)
            {
                var count = Math.Min(_batchSize, images.Count - first);
                Parallel.For(0, count, i => _writer.Write(images[first + i], buffer.AsSpan(i * perImage, perImage)));
                using var input = FloatTensor.Wrap(buffer, count * perImage, count, 3, crop, crop);
                using var backbone = _backboneLogits is null
                    ? _backbone.Run(runOptions, [_backboneInput], [input], [_backboneFeatures])
                    : _backbone.Run(runOptions, [_backboneInput], [input], [_backboneFeatures, _backboneLogits]);
                using var embedding = _backboneLogits is null
                    ? _head.Run(runOptions, [HeadContract.Features], [backbone[0]], [HeadContract.Embedding])
                    : _head.Run(runOptions, [HeadContract.Features, HeadContract.Logits], [backbone[0], backbone[1]], [HeadContract.Embedding]);
                var rows = VectorNormalization.RowsToUnit(embedding[0].GetTensorDataAsSpan<float>(), count, Dimension);
                rows.CopyTo(result, first);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }

        return result;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _backbone.Dispose();
        _head.Dispose();
    }
}
