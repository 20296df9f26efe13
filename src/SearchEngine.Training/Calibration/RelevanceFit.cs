using SearchEngine.Embeddings.Calibration;

namespace SearchEngine.Training.Calibration;

/// <summary>
/// Fits a <see cref="RelevanceCurve"/> to counted pairs: isotonic regression of relevant/not over similarity, then each
/// block's rate shrunk by the Jeffreys prior (k + ½) / (n + 1) and made monotone again. The shrinking matters only for
/// small blocks: without it the top block of a direction whose best few pairs were all relevant would claim certainty
/// (1.0) from a handful of pairs; with it 20 of 20 reads 0.976 and 2,000 of 2,000 reads 0.9998.
/// </summary>
public static class RelevanceFit
{
    /// <summary>Fits the curve; <paramref name="histogram"/> must hold at least one pair.</summary>
    public static RelevanceCurve Fit(ScoreHistogram histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var bins = histogram.Bins().ToList();
        if (bins.Count == 0)
        {
            throw new ArgumentException("There are no pairs to fit.", nameof(histogram));
        }

        var blocks = IsotonicRegression.Fit(
            [.. bins.Select(b => (double)b.Score)],
            [.. bins.Select(b => (double)b.Relevant / b.Pairs)],
            [.. bins.Select(b => (double)b.Pairs)]);
        var shrunk = blocks.Select(b => ((b.Y * b.Weight) + 0.5) / (b.Weight + 1)).ToList();
        var smoothed = IsotonicRegression.Fit([.. blocks.Select(b => b.X)], shrunk, [.. blocks.Select(b => b.Weight)]);
        return new RelevanceCurve([.. smoothed.Select(b => (float)b.X)], [.. smoothed.Select(b => Math.Clamp(b.Y, 0, 1))]);
    }
}
