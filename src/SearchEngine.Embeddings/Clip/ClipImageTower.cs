using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SearchEngine.Core.Media;
using SearchEngine.Embeddings.Towers;

namespace SearchEngine.Embeddings.Clip;

/// <summary>
/// CLIP's image encoder on ONNX Runtime, for the Hugging Face / transformers.js export (<c>vision_model.onnx</c>:
/// <c>pixel_values</c> float [N, 3, 224, 224] → <c>image_embeds</c> [N, D]), with CLIP's own preprocessing
/// (<see cref="ClipImagePreprocessor"/>).
/// </summary>
public sealed class ClipImageTower : IImageTower
{
    private readonly InferenceSession _session;
    private readonly ClipImagePreprocessor _preprocessor;
    private readonly string _inputName;
    private readonly string _outputName;
    private readonly int _batchSize;

    /// <summary>Wraps an open session (which the tower then owns).</summary>
    /// <exception cref="InvalidDataException">The model's input or output does not fit the CLIP vision layout.</exception>
    public ClipImageTower(
        InferenceSession session,
        int dimension,
        ClipImagePreprocessing? preprocessing = null,
        string inputName = "pixel_values",
        string outputName = "image_embeds",
        int batchSize = 16)
    {
        _session = session ?? throw new ArgumentNullException(nameof(session));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        _preprocessor = new ClipImagePreprocessor(preprocessing);
        _inputName = inputName;
        _outputName = outputName;
        _batchSize = batchSize;
        Dimension = dimension;

        var crop = _preprocessor.Settings.CropSize;
        if (!session.InputMetadata.TryGetValue(inputName, out var input) || input.ElementDataType != TensorElementType.Float)
        {
            throw new InvalidDataException(
                $"CLIP vision model: expected a float input '{inputName}'; its inputs are '{string.Join("', '", session.InputMetadata.Keys)}'.");
        }

        var dims = input.Dimensions;
        if (dims.Length != 4 || (dims[1] > 0 && dims[1] != 3) || (dims[2] > 0 && dims[2] != crop) || (dims[3] > 0 && dims[3] != crop))
        {
            throw new InvalidDataException(
                $"CLIP vision model: input '{inputName}' has shape [{string.Join(", ", dims)}]; the preprocessing makes [N, 3, {crop}, {crop}].");
        }

        if (!session.OutputMetadata.ContainsKey(outputName))
        {
            throw new InvalidDataException(
                $"CLIP vision model: no output '{outputName}'; its outputs are '{string.Join("', '", session.OutputMetadata.Keys)}'.");
        }

        EmbeddingRows.RequireDimension(session, outputName, dimension, "CLIP vision model");
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <summary>The preprocessor that makes <c>pixel_values</c>.</summary>
    public ClipImagePreprocessor Preprocessor => _preprocessor;

    /// <inheritdoc />
    public float[][] Embed(IReadOnlyList<RgbImage> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var result = new float[images.Count][];
        var settings = _preprocessor.Settings;
        var length = settings.TensorLength;
        for (var start = 0; start < images.Count; start += _batchSize)
        {
            var count = Math.Min(_batchSize, images.Count - start);
            var pixels = new float[count * length];
            // Resizing dominates for large photos; images of a batch are independent.
            Parallel.For(0, count, i => _preprocessor.Preprocess(images[start + i], pixels.AsSpan(i * length, length)));

            using var input = OrtValue.CreateTensorValueFromMemory(pixels, [count, 3, settings.CropSize, settings.CropSize]);
            using var runOptions = new RunOptions();
            using var outputs = _session.Run(runOptions, [_inputName], [input], [_outputName]);
            EmbeddingRows.CopyNormalized(outputs[0], _outputName, count, Dimension, result, start);
        }

        return result;
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}
