namespace SearchEngine.Training.Model;

/// <summary>
/// Widths of the frozen backbones' outputs, the heads' inputs (tensor names are in
/// <see cref="Embeddings.Onnx.HeadContract"/>, shared with the towers that run the heads).
/// </summary>
public static class BackboneWidths
{
    /// <summary>MobileNetV2's pooled features, the image head's input [N, 1280].</summary>
    public const int ImageFeatures = 1280;

    /// <summary>One YAMNet patch embedding, the audio head's per-patch input [N, P, 1024].</summary>
    public const int AudioPatch = 1024;

    /// <summary>One GloVe word vector, the text head's per-word input [N, T, 100].</summary>
    public const int WordVector = 100;
}
