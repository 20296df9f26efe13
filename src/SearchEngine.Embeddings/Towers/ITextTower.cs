namespace SearchEngine.Embeddings.Towers;

/// <summary>Embeds texts (queries, captions, documents) into the pack's space.</summary>
public interface ITextTower : ITower
{
    /// <summary>
    /// Embeds every text, one L2-normalized vector per text in input order; batched internally. A text the tower can
    /// make nothing of (empty, or no known word) still gets a finite vector — see the tower's documentation for which.
    /// </summary>
    float[][] Embed(IReadOnlyList<string> texts);

    /// <summary>
    /// True when a text's vector from <see cref="Embed"/> has the same bits whatever other texts share its call, so a
    /// server may embed concurrent queries together (one run costs less per text than one run each) without any query's
    /// result depending on its neighbours. False unless a tower has been shown to (padding may change rounding).
    /// </summary>
    bool BatchesExactly => false;
}
