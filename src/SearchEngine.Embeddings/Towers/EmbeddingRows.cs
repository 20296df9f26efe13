using Microsoft.ML.OnnxRuntime;
using SearchEngine.Embeddings.Inference;

namespace SearchEngine.Embeddings.Towers;

/// <summary>
/// Reads the <c>[N, D]</c> float embedding output of a CLIP or CLAP ONNX model into L2-normalized rows (the exported
/// <c>text_embeds</c>/<c>image_embeds</c>/<c>audio_embeds</c> are projections, not yet unit length).
/// </summary>
internal static class EmbeddingRows
{
    /// <summary>Copies <paramref name="output"/>'s rows into <paramref name="destination"/> from <paramref name="offset"/>, normalized.</summary>
    /// <exception cref="InvalidDataException">The output is not <c>[rows, dimension]</c>.</exception>
    public static void CopyNormalized(OrtValue output, string outputName, int rows, int dimension, float[][] destination, int offset)
    {
        var shape = output.GetTensorTypeAndShape().Shape;
        if (shape.Length != 2 || shape[0] != rows || shape[1] != dimension)
        {
            throw new InvalidDataException(
                $"The model's output '{outputName}' has shape [{string.Join(", ", shape)}]; expected [{rows}, {dimension}] (the pack's dimension).");
        }

        var data = output.GetTensorDataAsSpan<float>();
        for (var row = 0; row < rows; row++)
        {
            destination[offset + row] = VectorNormalization.ToUnit(data.Slice(row * dimension, dimension));
        }
    }

    /// <summary>The model's last output dimension when fixed, so a pack whose dimension disagrees fails at load time.</summary>
    public static void RequireDimension(InferenceSession session, string outputName, int dimension, string model)
    {
        var dims = session.OutputMetadata[outputName].Dimensions;
        if (dims.Length != 2 || (dims[1] > 0 && dims[1] != dimension))
        {
            throw new InvalidDataException(
                $"{model}: output '{outputName}' has shape [{string.Join(", ", dims)}]; expected [N, {dimension}] (the pack's dimension).");
        }
    }
}
