using System.Numerics.Tensors;
using SearchEngine.Training.Features;

namespace SearchEngine.Training.Evaluation;

/// <summary>Recall@K and median rank of a set of queries.</summary>
/// <param name="R1">Percent of queries whose first relevant item ranks 1st.</param>
/// <param name="R5">Percent within the top 5.</param>
/// <param name="R10">Percent within the top 10.</param>
/// <param name="MedianRank">Median rank of the first relevant item (1-based).</param>
public sealed record RecallAtK(double R1, double R5, double R10, double MedianRank)
{
    /// <summary>Mean of R@1, R@5 and R@10.</summary>
    public double Mean => (R1 + R5 + R10) / 3;
}

/// <summary>Retrieval metrics over L2-normalized embeddings compared by dot product (cosine similarity).</summary>
public static class RetrievalMetrics
{
    /// <summary>
    /// For each query row, the 1-based rank of its best-scoring relevant item among all items, where item i is relevant
    /// to query q when <paramref name="queryGroups"/>[q] == <paramref name="itemGroups"/>[i].
    /// </summary>
    public static int[] FirstRelevantRanks(FeatureMatrix queries, FeatureMatrix items, IReadOnlyList<long> queryGroups, IReadOnlyList<long> itemGroups)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(items);
        var ranks = new int[queries.Rows];
        Parallel.For(0, queries.Rows, q =>
        {
            var scores = Scores(queries, q, items);
            var best = float.NegativeInfinity;
            for (var i = 0; i < scores.Length; i++)
            {
                if (itemGroups[i] == queryGroups[q])
                {
                    best = Math.Max(best, scores[i]);
                }
            }

            var above = 0;
            for (var i = 0; i < scores.Length; i++)
            {
                if (itemGroups[i] != queryGroups[q] && scores[i] > best)
                {
                    above++;
                }
            }

            ranks[q] = above + 1;
        });
        return ranks;
    }

    /// <summary>Recall@1/5/10 (percent) and median rank of <paramref name="ranks"/>.</summary>
    public static RecallAtK Recall(IReadOnlyList<int> ranks)
    {
        ArgumentNullException.ThrowIfNull(ranks);
        double Within(int k) => 100.0 * ranks.Count(r => r <= k) / ranks.Count;
        var sorted = ranks.Order().ToArray();
        var median = sorted.Length % 2 == 1
            ? sorted[sorted.Length / 2]
            : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2.0;
        return new RecallAtK(Within(1), Within(5), Within(10), median);
    }

    /// <summary>
    /// Mean over queries of the average precision of ranking all items, item i being relevant to query q when their
    /// labels match.
    /// </summary>
    public static double MeanAveragePrecision(FeatureMatrix queries, IReadOnlyList<long> queryLabels, FeatureMatrix items, IReadOnlyList<long> itemLabels)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var precisions = new double[queries.Rows];
        Parallel.For(0, queries.Rows, q =>
        {
            var scores = Scores(queries, q, items);
            var order = Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ThenBy(i => i).ToArray();
            double hits = 0, sum = 0;
            for (var position = 0; position < order.Length; position++)
            {
                if (itemLabels[order[position]] == queryLabels[q])
                {
                    hits++;
                    sum += hits / (position + 1);
                }
            }

            precisions[q] = hits == 0 ? 0 : sum / hits;
        });
        return precisions.Average();
    }

    /// <summary>
    /// Query-by-example precision@K within one set: each item queries all others (never itself), and precision is the
    /// share of the top K that carry its label, averaged over items.
    /// </summary>
    public static double PrecisionAtK(FeatureMatrix items, IReadOnlyList<long> labels, int k) =>
        PrecisionAtK(items, labels, items, labels, k, excludeSelf: true);

    /// <summary>
    /// Precision@K of <paramref name="queries"/> over another set: the share of each query's top K items whose label
    /// is the query's, averaged over queries.
    /// </summary>
    public static double PrecisionAtK(FeatureMatrix queries, IReadOnlyList<long> queryLabels, FeatureMatrix items, IReadOnlyList<long> itemLabels, int k) =>
        PrecisionAtK(queries, queryLabels, items, itemLabels, k, excludeSelf: false);

    private static double PrecisionAtK(FeatureMatrix queries, IReadOnlyList<long> queryLabels, FeatureMatrix items, IReadOnlyList<long> itemLabels, int k, bool excludeSelf)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var precisions = new double[queries.Rows];
        Parallel.For(0, queries.Rows, q =>
        {
            var scores = Scores(queries, q, items);
            if (excludeSelf)
            {
                scores[q] = float.NegativeInfinity;
            }

            var top = Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(k);
            precisions[q] = (double)top.Count(i => itemLabels[i] == queryLabels[q]) / k;
        });
        return precisions.Average();
    }

    /// <summary>The index of the best-scoring item per query row.</summary>
    public static int[] TopOne(FeatureMatrix queries, FeatureMatrix items)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var best = new int[queries.Rows];
        Parallel.For(0, queries.Rows, q => best[q] = TensorPrimitives.IndexOfMax(Scores(queries, q, items)));
        return best;
    }

    /// <summary>The dot product of query row <paramref name="q"/> with every item row.</summary>
    public static float[] Scores(FeatureMatrix queries, int q, FeatureMatrix items)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(items);
        if (queries.Width != items.Width)
        {
            throw new ArgumentException($"Queries are {queries.Width}-d but items are {items.Width}-d: they come from different spaces.");
        }

        var query = queries.Row(q);
        var scores = new float[items.Rows];
        for (var i = 0; i < items.Rows; i++)
        {
            scores[i] = TensorPrimitives.Dot(query, items.Row(i));
        }

        return scores;
    }
}
