using SearchEngine.Embeddings.Calibration;

namespace SearchEngine.Training.Calibration;

/// <summary>A best hit scored by the map fitted on the other half of the pairs.</summary>
/// <param name="Relevance">Its predicted relevance.</param>
/// <param name="Relevant">Whether it was relevant.</param>
/// <param name="OtherRelevance">The predicted relevance of the best irrelevant hit (null when there is none).</param>
public readonly record struct PredictedHit(double Relevance, bool Relevant, double? OtherRelevance = null);

/// <summary>The reliability of one direction's map and its cross-fitted best hits.</summary>
/// <param name="ExpectedCalibrationError">Pair-weighted mean gap between predicted and observed relevance over the bins.</param>
/// <param name="Bins">Reliability bins.</param>
/// <param name="TopHits">Each query's best hit with its cross-fitted relevance.</param>
public sealed record CrossFit(double ExpectedCalibrationError, IReadOnlyList<ReliabilityBin> Bins, IReadOnlyList<PredictedHit> TopHits)
{
    /// <summary>The predicted relevance that all but <paramref name="share"/> of the relevant best hits reach.</summary>
    public double CorrectFloor(double share)
    {
        var correct = TopHits.Where(t => t.Relevant).Select(t => t.Relevance).Order().ToList();
        return correct.Count == 0 ? 0 : correct[(int)Math.Floor(share * (correct.Count - 1))];
    }

    /// <summary>The check as written into calibration.json, for the close-match threshold <paramref name="threshold"/>.</summary>
    public CalibrationCheck ToCheck(string folds, double threshold)
    {
        var close = TopHits.Where(t => t.Relevance >= threshold).ToList();
        var correct = TopHits.Where(t => t.Relevant).ToList();
        var others = TopHits.Where(t => t.OtherRelevance is not null).ToList();
        return new CalibrationCheck(folds, ExpectedCalibrationError, Bins, new TopHitCheck(
            TopHits.Count,
            Math.Round(TopHits.Average(t => t.Relevance), 4),
            Math.Round(TopHits.Average(t => t.Relevant ? 1.0 : 0.0), 4),
            Math.Round(CorrectFloor(CrossFitCheck.HiddenCorrectShare), 5),
            threshold,
            Math.Round((double)close.Count / TopHits.Count, 4),
            close.Count == 0 ? null : Math.Round(close.Average(t => t.Relevant ? 1.0 : 0.0), 4),
            correct.Count == 0 ? 0 : Math.Round((double)correct.Count(t => t.Relevance < threshold) / correct.Count, 4),
            others.Count == 0 ? null : Math.Round((double)others.Count(t => t.OtherRelevance >= threshold) / others.Count, 4)));
    }
}

/// <summary>
/// How a direction's calibration holds on pairs it was not fitted on: a map is fitted on each half of the pairs, moved to
/// the reference base rate as served, and scores the other half, whose pairs are weighted to that base rate; the
/// predictions are then compared with what was relevant. Reliability bins are finer at the bottom, where most pairs fall. Each query's best hit is kept with its cross-fitted
/// relevance, for choosing and checking the page's close-match threshold.
/// </summary>
public static class CrossFitCheck
{
    /// <summary>Edges of the reliability bins (predicted relevance).</summary>
    public static readonly IReadOnlyList<double> BinEdges = [0, 0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

    /// <summary>
    /// The share of relevant best hits the close-match threshold may hide, per direction: hiding a right answer behind
    /// "no close match" costs more than showing a weak one (which the page marks as weak), so the budget is small.
    /// </summary>
    public const double HiddenCorrectShare = 0.05;

    /// <summary>Runs the check, with relevance served at <paramref name="referenceBaseRate"/>.</summary>
    public static CrossFit Run(DirectionScores scores, double referenceBaseRate)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var curves = scores.Folds
            .Select(f => f.Pairs > 0 && f.Relevant > 0 && f.Relevant < f.Pairs
                ? RelevanceFit.Fit(f).Rebased((double)f.Relevant / f.Pairs, referenceBaseRate)
                : null)
            .ToArray();
        RelevanceCurve Other(int fold) => curves[1 - fold] ?? curves[fold]
            ?? throw new InvalidOperationException("Neither half of the pairs has both relevant and other pairs to fit on.");

        var binCount = BinEdges.Count - 1;
        var pairs = new long[binCount];
        var weights = new double[binCount];
        var predicted = new double[binCount];
        var relevant = new double[binCount];
        for (var fold = 0; fold < 2; fold++)
        {
            var histogram = scores.Folds[fold];
            if (histogram.Pairs == 0)
            {
                continue;
            }

            // Weights that give this half the reference base rate, so the served (moved) predictions meet data at their rate.
            var baseRate = (double)histogram.Relevant / histogram.Pairs;
            var relevantWeight = referenceBaseRate / baseRate;
            var otherWeight = (1 - referenceBaseRate) / (1 - baseRate);
            foreach (var (score, count, hits) in histogram.Bins())
            {
                var p = Other(fold).At(score);
                var bin = BinOf(p);
                var weight = (hits * relevantWeight) + ((count - hits) * otherWeight);
                pairs[bin] += count;
                weights[bin] += weight;
                predicted[bin] += p * weight;
                relevant[bin] += hits * relevantWeight;
            }
        }

        var total = weights.Sum();
        var bins = new List<ReliabilityBin>();
        var error = 0.0;
        for (var b = 0; b < binCount; b++)
        {
            if (pairs[b] == 0)
            {
                continue;
            }

            var mean = predicted[b] / weights[b];
            var observed = relevant[b] / weights[b];
            error += Math.Abs(mean - observed) * weights[b] / total;
            bins.Add(new ReliabilityBin(BinEdges[b], BinEdges[b + 1], pairs[b], Math.Round(mean, 4), Math.Round(observed, 4)));
        }

        var top = scores.TopHits.Select(t => new PredictedHit(Other(t.Fold).At(t.Score), t.Relevant,
            float.IsFinite(t.OtherScore) ? Other(t.OtherFold).At(t.OtherScore) : null)).ToList();
        return new CrossFit(Math.Round(error, 5), bins, top);
    }

    /// <summary>
    /// The page's close-match threshold: the highest relevance that, in every direction, at least
    /// 1 − <see cref="HiddenCorrectShare"/> of the best hits that were right reach, so that "no close match" hides a right
    /// answer in no direction more than that often; rounded down to two significant digits so it reads as a setting.
    /// </summary>
    public static double ChooseCloseMatch(IEnumerable<CrossFit> directions)
    {
        ArgumentNullException.ThrowIfNull(directions);
        var floor = directions.Min(d => d.CorrectFloor(HiddenCorrectShare));
        if (floor <= 0)
        {
            return 0;
        }

        var scale = Math.Pow(10, Math.Floor(Math.Log10(floor)) - 1);
        // The tiny nudge keeps a floor of exactly 0.034 from reading 0.033 through binary rounding.
        return Math.Round(Math.Floor((floor / scale) + 1e-9) * scale, 12);
    }

    private static int BinOf(double relevance)
    {
        for (var b = 1; b < BinEdges.Count - 1; b++)
        {
            if (relevance < BinEdges[b])
            {
                return b - 1;
            }
        }

        return BinEdges.Count - 2;
    }
}
