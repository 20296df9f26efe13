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

    /// <summary>A sentence encoder's vector (all-MiniLM-L6-v2), the text head's input [N, 384].</summary>
    public const int Sentence = 384;

    /// <summary>MobileNetV2's ImageNet classes, the concept bridge's image input [N, 1000].</summary>
    public const int ImageClasses = 1000;

    /// <summary>YAMNet's AudioSet classes, the concept bridge's audio input [N, 521].</summary>
    public const int AudioClasses = 521;
}
