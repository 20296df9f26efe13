using SearchEngine.Core;
using SearchEngine.Retrieval.Ranking;

namespace SearchEngine.Retrieval.Tests.Ranking;

/// <summary>A document hit keeps its best timed segments as its moments: bounded in number, listed in time order.</summary>
public sealed class MomentTests
{
    private static SegmentHit Window(long segment, long document, double start, float similarity) =>
        new(segment, document, SegmentKind.AudioWindow, start, start + 3, similarity);

    [Fact]
    public void The_best_timed_segments_are_kept_up_to_the_limit_in_time_order()
    {
        // Ten windows of one recording, the best at 27 s, 24 s and 3 s.
        var segments = Enumerable.Range(0, 10).Select(i => Window(i, 7, i * 3.0, i switch { 9 => 0.9f, 8 => 0.8f, 1 => 0.7f, _ => 0.1f })).ToList();
        segments.Add(new SegmentHit(99, 8, SegmentKind.Whole, null, null, 0.5f));

        var hits = DocumentAggregation.MaxPerDocument(segments, maxMoments: 3);

        var recording = hits.Single(h => h.DocumentId == 7);
        Assert.Equal([3.0, 24.0, 27.0], recording.Moments!.Select(m => m.Start!.Value));
        Assert.Equal(27.0, recording.BestSegment.Start);
        Assert.Null(hits.Single(h => h.DocumentId == 8).Moments); // a whole document has no times
    }

    [Fact]
    public void Without_a_limit_no_moments_are_kept()
    {
        var hits = DocumentAggregation.MaxPerDocument([Window(1, 7, 0, 0.5f), Window(2, 7, 3, 0.6f)]);
        Assert.Null(hits[0].Moments);
    }
}
