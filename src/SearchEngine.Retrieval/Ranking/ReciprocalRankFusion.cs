namespace SearchEngine.Retrieval.Ranking;

/// <summary>
/// Reciprocal rank fusion (Cormack, Clarke &amp; Büttcher, SIGIR 2009) of the vector ranking with a text (BM25) ranking:
/// score(d) = 1/(k + rank_vector(d)) + w · 1/(k + rank_text(d)), ranks from 1. Rank-based, so cosine similarities and
/// BM25 scores need no calibration against each other.
/// </summary>
public static class ReciprocalRankFusion
{
    /// <summary>The conventional k = 60 of the original paper: damps the head so one list cannot dominate.</summary>
    public const int DefaultK = 60;

    /// <summary>
    /// Fuses <paramref name="vectorRanking"/> (already ordered) with <paramref name="textRanking"/> (document ids, best
    /// first). Documents only in the text list are not added: fusion reorders candidates that the vector space found, so
    /// a text match can never surface a document of the wrong modality or outside the filter.
    /// </summary>
    public static List<DocumentHit> Fuse(IReadOnlyList<DocumentHit> vectorRanking, IReadOnlyList<long> textRanking, double textWeight, int k = DefaultK)
    {
        ArgumentNullException.ThrowIfNull(vectorRanking);
        ArgumentNullException.ThrowIfNull(textRanking);
        ArgumentOutOfRangeException.ThrowIfNegative(textWeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);

        var textRank = new Dictionary<long, int>(textRanking.Count);
        for (var i = 0; i < textRanking.Count; i++)
        {
            textRank.TryAdd(textRanking[i], i + 1);
        }

        var fused = new List<DocumentHit>(vectorRanking.Count);
        for (var i = 0; i < vectorRanking.Count; i++)
        {
            var hit = vectorRanking[i];
            var score = 1.0 / (k + i + 1);
            if (textRank.TryGetValue(hit.DocumentId, out var rank))
            {
                score += textWeight / (k + rank);
            }

            fused.Add(hit with { FusedScore = score });
        }

        fused.Sort(static (a, b) => b.FusedScore!.Value != a.FusedScore!.Value
            ? b.FusedScore.Value.CompareTo(a.FusedScore.Value)
            : b.Similarity.CompareTo(a.Similarity));
        return fused;
    }
}
