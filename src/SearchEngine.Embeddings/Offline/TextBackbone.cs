namespace SearchEngine.Embeddings.Offline;

/// <summary>The text backbone of an offline pack.</summary>
public enum TextBackbone
{
    /// <summary>all-MiniLM-L6-v2 sentence vectors (<see cref="SentenceTextTower"/>), pack v3.</summary>
    Sentence,

    /// <summary>GloVe-style word vectors (<see cref="GloveTextTower"/>), the packs before v3.</summary>
    Glove,
}
