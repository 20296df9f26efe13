using System.Numerics.Tensors;

namespace SearchEngine.Training.Calibration;

/// <summary>A query's best-scoring item, and its best-scoring item that is not relevant.</summary>
/// <param name="Score">The best item's similarity.</param>
/// <param name="Relevant">Whether it is relevant.</param>
/// <param name="Fold">The half of the check its pair belongs to.</param>
/// <param name="OtherScore">
/// The best irrelevant item's similarity: the best hit the query would get from a collection without any item relevant
/// to it (negative infinity when every item is relevant).
/// </param>
/// <param name="OtherFold">The half that pair belongs to.</param>
public readonly record struct TopHit(float Score, bool Relevant, int Fold, float OtherScore, int OtherFold);

/// <summary>
/// Every pair of a <see cref="DevPairs"/> scored once: counted by similarity per half of the check, and each query's
/// best hit kept for the check of the page's "close match" rule.
/// </summary>
public sealed class DirectionScores
{
    private DirectionScores(ScoreHistogram[] folds, TopHit[] topHits)
    {
        Folds = folds;
        TopHits = topHits;
        All = new ScoreHistogram();
        foreach (var fold in folds)
        {
            All.Add(fold);
        }
    }

    /// <summary>Pairs of each half.</summary>
    public IReadOnlyList<ScoreHistogram> Folds { get; }

    /// <summary>Every pair.</summary>
    public ScoreHistogram All { get; }

    /// <summary>Each query's best hit (queries with no item left out).</summary>
    public IReadOnlyList<TopHit> TopHits { get; }

    /// <summary>Scores every pair of <paramref name="pairs"/> on <paramref name="threads"/> threads.</summary>
    public static DirectionScores Measure(DevPairs pairs, int threads)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var items = pairs.Items;
        var topHits = new TopHit[pairs.Queries.Rows];
        var folds = new[] { new ScoreHistogram(), new ScoreHistogram() };
        var gate = new object();
        Parallel.For(0, pairs.Queries.Rows, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) },
            () => (Histograms: new[] { new ScoreHistogram(), new ScoreHistogram() }, Segments: new float[items.Segments.Rows]),
            (q, _, local) =>
            {
                var query = pairs.Queries.Row(q);
                for (var s = 0; s < items.Segments.Rows; s++)
                {
                    local.Segments[s] = TensorPrimitives.Dot(query, items.Segments.Row(s));
                }

                var best = new TopHit(float.NegativeInfinity, false, 0, float.NegativeInfinity, 0);
                for (var i = 0; i < items.Count; i++)
                {
                    if (pairs.Excluded(q, i))
                    {
                        continue;
                    }

                    // A document scores as its best segment (DocumentAggregation.MaxPerDocument).
                    var score = TensorPrimitives.Max(local.Segments.AsSpan(items.Starts[i], items.Starts[i + 1] - items.Starts[i]));
                    var relevant = pairs.Relevant(q, i);
                    var fold = pairs.Fold(q, i);
                    local.Histograms[fold].Add(score, relevant);
                    if (score > best.Score)
                    {
                        best = best with { Score = score, Relevant = relevant, Fold = fold };
                    }

                    if (!relevant && score > best.OtherScore)
                    {
                        best = best with { OtherScore = score, OtherFold = fold };
                    }
                }

                topHits[q] = best;
                return local;
            },
            local =>
            {
                lock (gate)
                {
                    folds[0].Add(local.Histograms[0]);
                    folds[1].Add(local.Histograms[1]);
                }
            });
        return new DirectionScores(folds, [.. topHits.Where(t => float.IsFinite(t.Score))]);
    }
}
