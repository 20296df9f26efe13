using SearchEngine.Embeddings.Calibration;
using SearchEngine.Training.Calibration;
using SearchEngine.Training.Features;

namespace SearchEngine.Training.Tests;

/// <summary>The calibration fit on synthetic data whose true score → relevance is known.</summary>
public sealed class CalibrationFitTests
{
    [Fact]
    public void Pool_adjacent_violators_pools_each_violation_into_its_weighted_mean()
    {
        // 0.1, 0.5, 0.3, 0.9: the 0.5 and 0.3 violate the order and pool to (0.5·1 + 0.3·3) / 4 = 0.35.
        var blocks = IsotonicRegression.Fit([1, 2, 3, 4], [0.1, 0.5, 0.3, 0.9], [1, 1, 3, 1]);

        Assert.Equal([0.1, 0.35, 0.9], blocks.Select(b => Math.Round(b.Y, 10)));
        Assert.Equal([1, 4, 1], blocks.Select(b => b.Weight));
        Assert.Equal(2.75, blocks[1].X, 10);
    }

    [Fact]
    public void Pool_adjacent_violators_leaves_a_rising_sequence_alone_and_flattens_a_falling_one()
    {
        Assert.Equal(4, IsotonicRegression.Fit([1, 2, 3, 4], [0, 0.2, 0.4, 1], [1, 1, 1, 1]).Count);
        var falling = IsotonicRegression.Fit([1, 2, 3], [0.9, 0.5, 0.1], [1, 1, 1]);
        Assert.Equal(0.5, Assert.Single(falling).Y, 10);
    }

    [Fact]
    public void Points_out_of_order_are_refused()
    {
        Assert.Throws<ArgumentException>(() => IsotonicRegression.Fit([2, 1], [0, 1], [1, 1]));
        Assert.Throws<ArgumentException>(() => IsotonicRegression.Fit([1, 2], [0, 1], [1, 0]));
    }

    [Fact]
    public void The_fitted_curve_is_monotone_bounded_and_recovers_a_known_logistic_relevance()
    {
        var histogram = Synthetic(seed: 1, pairs: 400_000, Logistic);
        var curve = RelevanceFit.Fit(histogram);

        AssertMonotoneAndBounded(curve);
        foreach (var score in new[] { -0.2f, 0.1f, 0.3f, 0.45f, 0.6f, 0.8f })
        {
            Assert.InRange(curve.At(score), Logistic(score) - 0.03, Logistic(score) + 0.03);
        }

        // The score where relevance crosses 0.5 is where the logistic's is (0.45), to within the noise.
        Assert.InRange(curve.ScoreFor(0.5)!.Value, 0.42f, 0.48f);
    }

    [Fact]
    public void A_handful_of_relevant_pairs_at_the_top_does_not_claim_certainty()
    {
        var histogram = new ScoreHistogram();
        for (var i = 0; i < 1000; i++)
        {
            histogram.Add(-0.5f + (i / 2000f), relevant: false);
        }

        for (var i = 0; i < 5; i++)
        {
            histogram.Add(0.9f, relevant: true);
        }

        var curve = RelevanceFit.Fit(histogram);
        Assert.Equal(5.5 / 6, curve.At(0.95f), 6); // Jeffreys: (5 + ½) / (5 + 1)
        Assert.True(curve.At(-0.5f) < 0.001);
        AssertMonotoneAndBounded(curve);
    }

    [Fact]
    public void A_relevance_that_falls_with_the_score_is_fitted_flat_at_the_base_rate()
    {
        var histogram = Synthetic(seed: 2, pairs: 100_000, s => 0.5 - (0.4 * s));
        var curve = RelevanceFit.Fit(histogram);

        AssertMonotoneAndBounded(curve);
        Assert.InRange(curve.At(-0.9f), 0.45, 0.55);
        Assert.InRange(curve.At(0.9f), 0.45, 0.55);
    }

    [Fact]
    public void Cross_fitting_on_well_specified_data_is_well_calibrated()
    {
        var pairs = SyntheticPairs(seed: 3, queries: 400, items: 200);
        var scores = DirectionScores.Measure(pairs, threads: 1);
        var check = CrossFitCheck.Run(scores, referenceBaseRate: (double)scores.All.Relevant / scores.All.Pairs);

        Assert.Equal(400 * 200, scores.All.Pairs);
        Assert.True(check.ExpectedCalibrationError < 0.02, $"ECE {check.ExpectedCalibrationError}");
        foreach (var bin in check.Bins.Where(b => b.Pairs > 2000))
        {
            Assert.InRange(bin.Observed, bin.Predicted - 0.05, bin.Predicted + 0.05);
        }

        Assert.Equal(400, check.TopHits.Count);
        var written = check.ToCheck("halves", threshold: 0.5);
        Assert.InRange(written.TopHit.CloseShare, 0, 1);
        Assert.InRange(written.TopHit.CorrectHidden, 0, 1);
    }

    [Fact]
    public void Served_at_another_base_rate_the_map_is_still_calibrated_on_pairs_weighted_to_that_rate()
    {
        var pairs = SyntheticPairs(seed: 4, queries: 400, items: 200);
        var scores = DirectionScores.Measure(pairs, threads: 1);
        var check = CrossFitCheck.Run(scores, referenceBaseRate: 0.05);

        Assert.True(check.ExpectedCalibrationError < 0.02, $"ECE {check.ExpectedCalibrationError}");
        // Fewer relevant items to begin with: the same scores are worth less than at the data's own (higher) rate.
        var own = CrossFitCheck.Run(scores, referenceBaseRate: (double)scores.All.Relevant / scores.All.Pairs);
        Assert.True(check.TopHits.Average(t => t.Relevance) < own.TopHits.Average(t => t.Relevance));
    }

    [Fact]
    public void Moving_a_map_to_another_base_rate_keeps_the_likelihood_ratio_and_the_order()
    {
        var fitted = new RelevanceCurve([0.1f, 0.3f, 0.6f], [0.001, 0.01, 0.5]);
        var moved = fitted.Rebased(0.001, 0.01);

        // odds 0.5/0.5 = 1 at rate 0.001 is a likelihood ratio of 999; at rate 0.01 the odds are 999 · 1/99.
        Assert.Equal(999.0 / 99 / (1 + (999.0 / 99)), moved.At(0.6f), 9);
        Assert.Equal(0.01 / 0.99 / (1 + (0.01 / 0.99)), moved.At(0.1f), 9); // a likelihood ratio of 1 reads as the new base rate
        AssertMonotoneAndBounded(moved);
        Assert.Equal(0.0, RelevanceCurve.Rebase(0, 0.1, 0.9));
        Assert.Equal(1.0, RelevanceCurve.Rebase(1, 0.1, 0.9));
        Assert.Throws<ArgumentOutOfRangeException>(() => fitted.Rebased(0, 0.5));
    }

    [Fact]
    public void The_close_match_threshold_hides_at_most_one_right_best_hit_in_twenty_in_every_direction()
    {
        var strong = new CrossFit(0, [], [.. Enumerable.Range(0, 100).Select(i => new PredictedHit(0.5 + (i / 250.0), true))]);
        var weak = new CrossFit(0, [], [.. Enumerable.Range(0, 100).Select(i => new PredictedHit(0.03 + (i / 1000.0), true)),
            new PredictedHit(0.9, false)]);

        var threshold = CrossFitCheck.ChooseCloseMatch([strong, weak]);

        // The weak direction's 5th percentile is 0.03 + 4/1000 = 0.034; two significant digits, rounded down.
        Assert.Equal(0.034, threshold, 10);
        Assert.True(weak.TopHits.Count(t => t.Relevant && t.Relevance < threshold) <= 5);
    }

    [Fact]
    public void Items_score_as_their_best_segment_and_a_query_is_never_paired_with_itself()
    {
        // Item 0 has two segments (one along the query), item 1 one segment across it.
        var items = SegmentedItems.FromGroups([new FeatureMatrix(2, 2, [0, 1, 1, 0]), new FeatureMatrix(1, 2, [0, 1])]);
        var pairs = new DevPairs(ScoreDirection.AudioToAudio, "test", "halves", new FeatureMatrix(2, 2, [1, 0, 0, 1]), items,
            (q, i) => q == i, (q, i) => q == 1 && i == 1, (q, _) => q);

        var scores = DirectionScores.Measure(pairs, threads: 1);

        Assert.Equal(3, scores.All.Pairs); // (0,0), (0,1), (1,0); (1,1) is left out
        Assert.Equal(1f, scores.TopHits[0].Score);
        Assert.True(scores.TopHits[0].Relevant);
        Assert.Equal(1f, scores.TopHits[1].Score); // query 1 against item 0's first segment
    }

    private static double Logistic(float score) => 1 / (1 + Math.Exp(-12 * (score - 0.45)));

    private static ScoreHistogram Synthetic(int seed, int pairs, Func<float, double> relevance)
    {
        var random = new Random(seed);
        var histogram = new ScoreHistogram();
        for (var i = 0; i < pairs; i++)
        {
            var score = (float)((random.NextDouble() * 2) - 1);
            histogram.Add(score, random.NextDouble() < relevance(score));
        }

        return histogram;
    }

    // Unit vectors at random angles: the query-item cosine is uniform-ish and relevance follows Logistic(cosine).
    private static DevPairs SyntheticPairs(int seed, int queries, int items)
    {
        var random = new Random(seed);
        FeatureMatrix Angles(int count) => new(count, 2, [.. Enumerable.Range(0, count).SelectMany(_ =>
        {
            var angle = random.NextDouble() * Math.PI;
            return new[] { (float)Math.Cos(angle), (float)Math.Sin(angle) };
        })]);

        var queryVectors = Angles(queries);
        var itemVectors = Angles(items);
        var relevant = new bool[queries, items];
        for (var q = 0; q < queries; q++)
        {
            for (var i = 0; i < items; i++)
            {
                var cosine = (queryVectors.Values[2 * q] * itemVectors.Values[2 * i]) + (queryVectors.Values[(2 * q) + 1] * itemVectors.Values[(2 * i) + 1]);
                relevant[q, i] = random.NextDouble() < Logistic(cosine);
            }
        }

        return new DevPairs(ScoreDirection.TextToImage, "synthetic", "by query parity", queryVectors, SegmentedItems.OnePerRow(itemVectors),
            (q, i) => relevant[q, i], (_, _) => false, (q, _) => q % 2);
    }

    private static void AssertMonotoneAndBounded(RelevanceCurve curve)
    {
        var previous = -1.0;
        for (var score = -1.2f; score <= 1.2f; score += 0.001f)
        {
            var relevance = curve.At(score);
            Assert.InRange(relevance, 0, 1);
            Assert.True(relevance >= previous - 1e-12, $"relevance falls at {score}: {relevance} < {previous}");
            previous = relevance;
        }
    }
}
