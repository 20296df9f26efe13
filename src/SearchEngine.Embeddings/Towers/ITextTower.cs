namespace SearchEngine.Embeddings.Towers;

/// <summary>Embeds texts (queries, captions, documents) into the pack's space.</summary>
public interface ITextTower : ITower
{
    /// <summary>
    /// Embeds every text, one L2-normalized vector per text in input order; batched internally. A text the tower can
    /// make nothing of (empty, or no known word) still gets a finite vector — see the tower's documentation for which.
    /// </summary>
    float[][] Embed(IReadOnlyList<string> texts);
}
