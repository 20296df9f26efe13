namespace SearchEngine.Training.Model;

/// <summary>
/// The input and output names and widths the offline pack's towers expect from the trained heads' ONNX graphs.
/// They are fixed with the Embeddings towers that run the heads: change them only together.
/// </summary>
public static class HeadContract
{
    /// <summary>Width of MobileNetV2's pooled features, the image head's input.</summary>
    public const int ImageFeatureWidth = 1280;

    /// <summary>Width of one YAMNet patch embedding, the audio head's per-patch input.</summary>
    public const int AudioPatchWidth = 1024;

    /// <summary>Width of one GloVe word vector, the text head's per-word input.</summary>
    public const int WordVectorWidth = 100;

    /// <summary>The image head's input: float [N, 1280].</summary>
    public const string ImageInput = "features";

    /// <summary>The audio head's patch input: float [N, P, 1024].</summary>
    public const string AudioInput = "patches";

    /// <summary>The text head's word input: float [N, T, 100].</summary>
    public const string TextInput = "word_vectors";

    /// <summary>The sequence heads' validity input: float [N, P] or [N, T], 1 for a real patch or word, 0 for padding.</summary>
    public const string MaskInput = "mask";

    /// <summary>Every head's output: float [N, D], L2-normalized.</summary>
    public const string EmbeddingOutput = "embedding";
}
