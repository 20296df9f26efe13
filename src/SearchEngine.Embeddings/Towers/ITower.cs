namespace SearchEngine.Embeddings.Towers;

/// <summary>
/// One encoder of a model pack: turns one modality into vectors of the pack's shared space. Every vector a tower
/// returns is L2-normalized and <see cref="Dimension"/> long. Towers hold their ONNX sessions for their lifetime and
/// are safe to call from several threads at once.
/// </summary>
public interface ITower : IDisposable
{
    /// <summary>Length of every vector this tower returns (the pack's dimension).</summary>
    int Dimension { get; }
}
