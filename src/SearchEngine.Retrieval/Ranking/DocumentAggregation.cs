namespace SearchEngine.Retrieval.Ranking;

/// <summary>
/// Turns segment hits into document hits: a document scores as its best segment (max), which keeps the time range of
/// the matching window of a long audio or video file. Max rather than mean, because one strong window is the evidence a
/// user wants ("the video this sound comes from"), and a long file should not be penalised for its unrelated parts.
/// </summary>
public static class DocumentAggregation
{
    /// <summary>One hit per document, best segment first, ordered by similarity (ties by document id for stable pages).</summary>
    public static List<DocumentHit> MaxPerDocument(IEnumerable<SegmentHit> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var best = new Dictionary<long, SegmentHit>();
        foreach (var segment in segments)
        {
            if (!best.TryGetValue(segment.DocumentId, out var current) || segment.Similarity > current.Similarity)
            {
                best[segment.DocumentId] = segment;
            }
        }

        var hits = best.Values.Select(s => new DocumentHit(s.DocumentId, s.Similarity, s)).ToList();
        hits.Sort(static (a, b) => b.Similarity != a.Similarity ? b.Similarity.CompareTo(a.Similarity) : a.DocumentId.CompareTo(b.DocumentId));
        return hits;
    }
}
