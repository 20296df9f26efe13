using Microsoft.ML.OnnxRuntime;

namespace SearchEngine.Embeddings.Inference;

/// <summary>
/// Wraps part of a (pooled) float array as an ONNX Runtime tensor without copying: ORT reads the pinned managed
/// memory directly, so batches reuse the same buffers instead of allocating per run.
/// </summary>
internal static class FloatTensor
{
    public static OrtValue Wrap(float[] buffer, int length, params long[] shape) =>
        OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffer.AsMemory(0, length), shape);

    /// <summary>The last dimension of a model output, or null when it is symbolic.</summary>
    public static long? LastDimension(InferenceSession session, string output)
    {
        var dims = session.OutputMetadata[output].Dimensions;
        return dims.Length == 0 || dims[^1] <= 0 ? null : dims[^1];
    }
}
