namespace SearchEngine.Core;

/// <summary>
/// One embedded piece of a document: the unit the vector index stores. A document has one or more segments
/// (an image has one, a video one per keyframe and audio window), and a search hit points at a segment.
/// </summary>
/// <param name="Kind">What part of the document the vector stands for.</param>
/// <param name="Start">Start time in seconds for frames and audio windows; null otherwise.</param>
/// <param name="End">End time in seconds for audio windows; null otherwise.</param>
/// <param name="Vector">The L2-normalized embedding in the collection's model-pack space.</param>
public sealed record Segment(SegmentKind Kind, double? Start, double? End, float[] Vector);
