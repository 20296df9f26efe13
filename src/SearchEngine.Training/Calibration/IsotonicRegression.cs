namespace SearchEngine.Training.Calibration;

/// <summary>One block of an isotonic fit: consecutive points pooled to one value.</summary>
/// <param name="Weight">Total weight of the points in the block.</param>
/// <param name="X">Weighted mean of their x.</param>
/// <param name="Y">Weighted mean of their y: the block's fitted value.</param>
public readonly record struct IsotonicBlock(double Weight, double X, double Y);

/// <summary>
/// Weighted isotonic regression by pool-adjacent-violators (Ayer et al. 1955; Barlow et al. 1972): the non-decreasing
/// step function closest to the points in weighted least squares, which for 0/1 outcomes is also the maximum-likelihood
/// non-decreasing probability. It assumes nothing about the shape of score → relevance beyond "never falls", which is
/// why it was chosen over a fitted sigmoid (Platt scaling): the contrastive heads' similarity distributions are not
/// logistic and differ per direction.
/// </summary>
public static class IsotonicRegression
{
    /// <summary>
    /// Fits points (x increasing, y, weight &gt; 0) and returns the blocks, in x order, with strictly increasing values:
    /// neighbours of equal value are pooled too, so every block boundary is a real change.
    /// </summary>
    public static IReadOnlyList<IsotonicBlock> Fit(IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<double> weight)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(weight);
        if (x.Count != y.Count || x.Count != weight.Count)
        {
            throw new ArgumentException($"x, y and weight must be equally long; they are {x.Count}, {y.Count} and {weight.Count}.", nameof(weight));
        }

        var blocks = new List<IsotonicBlock>(x.Count);
        for (var i = 0; i < x.Count; i++)
        {
            if (i > 0 && !(x[i] > x[i - 1]))
            {
                throw new ArgumentException($"x must be strictly increasing; x[{i}] = {x[i]} follows {x[i - 1]}.", nameof(x));
            }

            if (!(weight[i] > 0) || !double.IsFinite(weight[i]) || !double.IsFinite(y[i]))
            {
                throw new ArgumentException($"Point {i} has weight {weight[i]} and y {y[i]}; weights must be positive and values finite.", nameof(weight));
            }

            blocks.Add(new IsotonicBlock(weight[i], x[i], y[i]));
            // Pool backwards while the newest block does not rise above the one before it.
            while (blocks.Count > 1 && blocks[^2].Y >= blocks[^1].Y)
            {
                var merged = Pool(blocks[^2], blocks[^1]);
                blocks.RemoveAt(blocks.Count - 1);
                blocks[^1] = merged;
            }
        }

        return blocks;
    }

    /// <summary>Two neighbouring blocks as one.</summary>
    public static IsotonicBlock Pool(IsotonicBlock a, IsotonicBlock b)
    {
        var weight = a.Weight + b.Weight;
        return new IsotonicBlock(weight, ((a.X * a.Weight) + (b.X * b.Weight)) / weight, ((a.Y * a.Weight) + (b.Y * b.Weight)) / weight);
    }
}
