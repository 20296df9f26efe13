namespace SearchEngine.Retrieval.Ranking;

/// <summary>
/// Turns segment hits into document hits: a document scores as its best segment (max), which keeps the time range of
/// the matching window of a long audio or video file. Max rather than mean, because one strong window is the evidence a
/// user wants ("the video this sound comes from"), and a long file should not be penalised for its unrelated parts.
/// </summary>
public static class DocumentAggregation
{
    /// <summary>
    /// One hit per document, best segment first, ordered by similarity (ties by document id for stable pages). Each hit
    /// keeps up to <paramref name="maxMoments"/> of its timed segments as its moments: the best-scoring ones, listed in
    /// time order.
    /// </summary>
    public static List<DocumentHit> MaxPerDocument(IEnumerable<SegmentHit> segments, int maxMoments = 0)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentOutOfRangeException.ThrowIfNegative(maxMoments);
        var best = new Dictionary<long, SegmentHit>();
        var timed = maxMoments > 0 ? new Dictionary<long, List<SegmentHit>>() : null;
        foreach (var segment in segments)
        {
            if (!best.TryGetValue(segment.DocumentId, out var current) || segment.Similarity > current.Similarity)
            {
                best[segment.DocumentId] = segment;
            }

            if (timed is not null && segment.Start is not null)
            {
                if (!timed.TryGetValue(segment.DocumentId, out var list))
                {
                    timed[segment.DocumentId] = list = [];
                }

                list.Add(segment);
            }
        }

        var hits = best.Values.Select(s => new DocumentHit(s.DocumentId, s.Similarity, s, Moments: MomentsOf(timed, s.DocumentId, maxMoments))).ToList();
        hits.Sort(static (a, b) => b.Similarity != a.Similarity ? b.Similarity.CompareTo(a.Similarity) : a.DocumentId.CompareTo(b.DocumentId));
        return hits;
    }

    private static List<SegmentHit>? MomentsOf(Dictionary<long, List<SegmentHit>>? timed, long documentId, int maxMoments)
    {
        if (timed is null || !timed.TryGetValue(documentId, out var list))
        {
            return null;
        }

        // The candidates are at most k' segments in all, so sorting each document's share is cheap.
        list.Sort(static (a, b) => b.Similarity.CompareTo(a.Similarity));
        var kept = list.Take(maxMoments).ToList();
        kept.Sort(static (a, b) => a.Start!.Value != b.Start!.Value ? a.Start.Value.CompareTo(b.Start.Value) : a.SegmentId.CompareTo(b.SegmentId));
        return kept;
    }
}
