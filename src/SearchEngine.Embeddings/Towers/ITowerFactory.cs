namespace SearchEngine.Embeddings.Towers;

/// <summary>
/// Creates the towers of one implementation named by a pack manifest's tower <c>type</c> (e.g. <c>mobilenetv2+head</c>,
/// <c>clip-image</c>). Register factories with the pack loader; a manifest naming an unregistered type is refused.
/// </summary>
public interface ITowerFactory
{
    /// <summary>The tower type this factory builds, as written in <c>pack.json</c>.</summary>
    string Type { get; }

    /// <summary>
    /// Builds the tower described by <paramref name="context"/>. It must implement the interface of the tower's slot
    /// (<see cref="ITextTower"/> for <c>text</c>, <see cref="IImageTower"/> for <c>image</c>, <see cref="IAudioTower"/> for <c>audio</c>).
    /// </summary>
    ITower Create(TowerContext context);
}
