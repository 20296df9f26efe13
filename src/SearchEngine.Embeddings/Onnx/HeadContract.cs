namespace SearchEngine.Embeddings.Onnx;

/// <summary>
/// Tensor names of the trained projection heads of the offline pack. Training exports heads with exactly these names
/// and the offline towers feed them; changing one breaks every exported pack.
/// </summary>
/// <remarks>
/// image: <c>features</c> float [N,1280] → <c>embedding</c> float [N,D].<br/>
/// audio: <c>patches</c> float [N,P,1024] and <c>mask</c> float [N,P] (1 = real patch, 0 = padding) → <c>embedding</c> [N,D].<br/>
/// text: <c>word_vectors</c> float [N,T,100] and <c>mask</c> float [N,T] (0 = padding or unknown word) → <c>embedding</c> [N,D].<br/>
/// Concept-bridge heads (pack v3) take the backbone's class scores as well: image <c>logits</c> [N,1000]; audio
/// <c>scores</c> [N,P,521] under the same <c>mask</c>; and the text head takes the sentence encoder's <c>sentence</c>
/// [N,384] instead of word vectors. A tower feeds these when its head declares them.<br/>
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

    /// <summary>Image head input of a concept-bridge pack: MobileNetV2's ImageNet logits [N,1000].</summary>
    public const string Logits = "logits";

    /// <summary>Audio head input of a concept-bridge pack: YAMNet's per-patch AudioSet scores [N,P,521].</summary>
    public const string Scores = "scores";

    /// <summary>Text head input of a sentence-encoder pack: the sentence vector [N,384].</summary>
    public const string Sentence = "sentence";

    /// <summary>Audio and text head input: 1 for a real element, 0 for padding [N,P] or [N,T].</summary>
    public const string Mask = "mask";

    /// <summary>Every head's output [N,D].</summary>
    public const string Embedding = "embedding";
}
