using SearchEngine.Training.Evaluation;
using SearchEngine.Training.Features;

namespace SearchEngine.Training.Tests;

public sealed class RetrievalMetricsTests
{
    // Three unit items on the axes; queries lean towards one item each.
    private static readonly FeatureMatrix Items = new(3, 3, [1, 0, 0, 0, 1, 0, 0, 0, 1]);

    [Fact]
    public void First_relevant_ranks_count_the_irrelevant_items_scored_above_the_best_relevant_one()
    {
        var queries = new FeatureMatrix(2, 3, [0.9f, 0.1f, 0.3f, 0.2f, 0.5f, 0.8f]);

        // Query 0 wants item 2 (scores 0.9, 0.1, 0.3 → rank 2); query 1 wants item 1 (scores 0.2, 0.5, 0.8 → rank 2).
        var ranks = RetrievalMetrics.FirstRelevantRanks(queries, Items, [2, 1], [0, 1, 2]);

        Assert.Equal(new[] { 2, 2 }, ranks);
        var recall = RetrievalMetrics.Recall([1, 2, 7, 20]);
        Assert.Equal(25, recall.R1);
        Assert.Equal(50, recall.R5);
        Assert.Equal(75, recall.R10);
        Assert.Equal(4.5, recall.MedianRank);
    }

    [Fact]
    public void Average_precision_and_precision_at_k_match_hand_computed_values()
    {
        var items = new FeatureMatrix(4, 2, [1, 0, 0.8f, 0.6f, 0.6f, 0.8f, 0, 1]);
        var query = new FeatureMatrix(1, 2, [1, 0]);

        // Ranking: 0, 1, 2, 3; relevant = {0, 2}: AP = (1/1 + 2/3) / 2.
        var map = RetrievalMetrics.MeanAveragePrecision(query, [7], items, [7, 3, 7, 3]);
        Assert.Equal((1 + 2.0 / 3) / 2, map, 6);

        // Nearest other item: 0→1 (diff), 1→2 (same label 5), 2→1 (same), 3→2 (diff).
        var p1 = RetrievalMetrics.PrecisionAtK(items, [4, 5, 5, 6], 1);
        Assert.Equal(0.5, p1, 6);
    }
}
