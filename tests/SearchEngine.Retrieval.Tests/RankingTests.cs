using SearchEngine.Core;
using SearchEngine.Retrieval.Ranking;

namespace SearchEngine.Retrieval.Tests;

public sealed class RankingTests
{
    private static SegmentHit Hit(long segment, long document, float similarity, double? start = null, double? end = null) =>
        new(segment, document, start is null ? SegmentKind.Whole : SegmentKind.AudioWindow, start, end, similarity);

    [Fact]
    public void A_document_scores_as_its_best_segment_and_keeps_that_segments_time_range()
    {
        var hits = DocumentAggregation.MaxPerDocument(new[]
        {
            Hit(1, 10, 0.2f, 0, 3), Hit(2, 10, 0.9f, 12, 15), Hit(3, 10, 0.4f, 3, 6),
            Hit(4, 20, 0.5f),
        });

        Assert.Equal(new long[] { 10, 20 }, hits.Select(h => h.DocumentId));
        Assert.Equal(0.9f, hits[0].Similarity);
        Assert.Equal(12.0, hits[0].BestSegment.Start);
        Assert.Equal(15.0, hits[0].BestSegment.End);
    }

    [Fact]
    public void Equal_scores_are_ordered_by_document_id_so_pages_are_stable()
    {
        var hits = DocumentAggregation.MaxPerDocument(new[] { Hit(1, 30, 0.5f), Hit(2, 10, 0.5f), Hit(3, 20, 0.5f) });
        Assert.Equal(new long[] { 10, 20, 30 }, hits.Select(h => h.DocumentId));
    }

    [Fact]
    public void Fusion_lifts_a_document_the_full_text_ranking_puts_first()
    {
        var vector = DocumentAggregation.MaxPerDocument(new[] { Hit(1, 1, 0.9f), Hit(2, 2, 0.85f), Hit(3, 3, 0.8f) });
        var fused = ReciprocalRankFusion.Fuse(vector, textRanking: new long[] { 3 }, textWeight: 1.0);

        Assert.Equal(3, fused[0].DocumentId);
        Assert.Equal((1.0 / 63) + (1.0 / 61), fused[0].FusedScore!.Value, 12);
        Assert.Equal(0.8f, fused[0].Similarity); // the cosine stays what it was: clients threshold on it
    }

    [Fact]
    public void Fusion_with_zero_text_weight_keeps_the_vector_order()
    {
        var vector = DocumentAggregation.MaxPerDocument(new[] { Hit(1, 1, 0.9f), Hit(2, 2, 0.85f), Hit(3, 3, 0.8f) });
        var fused = ReciprocalRankFusion.Fuse(vector, new long[] { 3, 2 }, textWeight: 0);
        Assert.Equal(new long[] { 1, 2, 3 }, fused.Select(h => h.DocumentId));
    }

    [Fact]
    public void Fusion_never_adds_documents_that_only_the_text_ranking_found()
    {
        var vector = DocumentAggregation.MaxPerDocument(new[] { Hit(1, 1, 0.9f) });
        var fused = ReciprocalRankFusion.Fuse(vector, new long[] { 99, 1 }, textWeight: 1);
        Assert.Equal(new long[] { 1 }, fused.Select(h => h.DocumentId));
    }

    [Fact]
    public void Mmr_with_diversity_pushes_a_near_duplicate_below_a_different_result()
    {
        // Documents 1 and 2 are near-duplicates; 3 is different and slightly less relevant.
        var vectors = new Dictionary<long, float[]>
        {
            [1] = Normalize(1f, 0f, 0f),
            [2] = Normalize(0.99f, 0.14f, 0f),
            [3] = Normalize(0f, 1f, 0f),
        };
        var ranked = DocumentAggregation.MaxPerDocument(new[] { Hit(1, 1, 0.90f), Hit(2, 2, 0.89f), Hit(3, 3, 0.70f) });

        var plain = MaximalMarginalRelevance.Select(ranked, h => vectors[h.DocumentId], diversity: 0, count: 3);
        var diverse = MaximalMarginalRelevance.Select(ranked, h => vectors[h.DocumentId], diversity: 0.5, count: 3);

        Assert.Equal(new long[] { 1, 2, 3 }, plain.Select(h => h.DocumentId));
        Assert.Equal(new long[] { 1, 3, 2 }, diverse.Select(h => h.DocumentId));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Mmr_rejects_a_diversity_outside_zero_to_one(double diversity)
    {
        var ranked = DocumentAggregation.MaxPerDocument(new[] { Hit(1, 1, 0.9f) });
        Assert.Throws<ArgumentOutOfRangeException>(() => MaximalMarginalRelevance.Select(ranked, _ => new float[] { 1 }, diversity, 1));
    }

    private static float[] Normalize(params float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }
}
