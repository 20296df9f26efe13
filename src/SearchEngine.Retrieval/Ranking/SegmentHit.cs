using SearchEngine.Core;

namespace SearchEngine.Retrieval.Ranking;

/// <summary>A segment that matched a query, with the document it belongs to and its cosine similarity to the query.</summary>
/// <param name="SegmentId">The segment's id (the vector index's external id).</param>
/// <param name="DocumentId">The document the segment belongs to.</param>
/// <param name="Kind">What part of the document the segment stands for.</param>
/// <param name="Start">Start in seconds for frames and audio windows.</param>
/// <param name="End">End in seconds for audio windows.</param>
/// <param name="Similarity">Cosine similarity to the query vector.</param>
public sealed record SegmentHit(long SegmentId, long DocumentId, SegmentKind Kind, double? Start, double? End, float Similarity);
