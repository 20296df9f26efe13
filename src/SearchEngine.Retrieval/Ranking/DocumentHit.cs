namespace SearchEngine.Retrieval.Ranking;

/// <summary>One ranked document: its best-matching segment and the scores it was ranked by.</summary>
/// <param name="DocumentId">The document.</param>
/// <param name="Similarity">Cosine similarity of the best segment to the query (what clients threshold on).</param>
/// <param name="BestSegment">The segment that gave <paramref name="Similarity"/>; tells where in a long file the match is.</param>
/// <param name="FusedScore">The reciprocal-rank-fusion score when text fusion ranked the document; null otherwise.</param>
/// <param name="Moments">
/// The document's timed segments (frames, sound windows, subtitle lines) among the query's candidates, best first when
/// chosen and then in time order, at most <see cref="RetrievalOptions.MaxMoments"/>: where in an audio or video file
/// the query matched, for a timeline. Null or empty for documents without times.
/// </param>
/// <param name="TextMatch">
/// The segment of text read in the picture (or a frame) that holds words of a text query, when one is among the
/// candidates: why the document matched, with its words' boxes ("text in picture: 'EXIT 42'"). Null otherwise.
/// </param>
public sealed record DocumentHit(
    long DocumentId, float Similarity, SegmentHit BestSegment, double? FusedScore = null, IReadOnlyList<SegmentHit>? Moments = null, SegmentHit? TextMatch = null);
