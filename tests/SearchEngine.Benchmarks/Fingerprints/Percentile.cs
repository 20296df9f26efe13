namespace SearchEngine.Benchmarks.Fingerprints;

/// <summary>Percentiles of a list of timings or time errors (nearest rank).</summary>
internal static class Percentile
{
    public static double Of(IReadOnlyList<double> values, double percent)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
