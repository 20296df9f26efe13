namespace SearchEngine.Embeddings.Onnx;

/// <summary>
/// Tensor names of the trained projection heads of the offline pack. Training exports heads with exactly these names
/// and the offline towers feed them; changing one breaks every exported pack.
/// </summary>
/// <remarks>
/// image: <c>features</c> float [N,1280] → <c>embedding</c> float [N,D].<br/>
/// audio: <c>patches</c> float [N,P,1024] and <c>mask</c> float [N,P] (1 = real patch, 0 = padding) → <c>embedding</c> [N,D].<br/>
/// text: <c>word_vectors</c> float [N,T,100] and <c>mask</c> float [N,T] (0 = padding or unknown word) → <c>embedding</c> [N,D].<br/>
/// A head must give finite output for an all-zero mask (a text with no known word); the towers L2-normalize whatever
/// the head returns, so heads need not normalize.
/// </remarks>
public static class HeadContract
{
    /// <summary>Image head input: backbone features [N,1280].</summary>
    public const string Features = "features";

    /// <summary>Audio head input: YAMNet patch embeddings [N,P,1024].</summary>
    public const string Patches = "patches";

    /// <summary>Text head input: word vectors [N,T,100].</summary>
    public const string WordVectors = "word_vectors";

    /// <summary>Audio and text head input: 1 for a real element, 0 for padding [N,P] or [N,T].</summary>
    public const string Mask = "mask";

    /// <summary>Every head's output [N,D].</summary>
    public const string Embedding = "embedding";
}
