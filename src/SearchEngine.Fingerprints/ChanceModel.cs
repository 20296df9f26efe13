namespace SearchEngine.Fingerprints;

/// <summary>
/// How likely chance alone gives some key of the index as much evidence as a candidate has. At a random key each clip
/// frame is hit independently with a small probability, so the frames hit are about Poisson with mean
/// <c>chanceFrames</c> (the sum of those probabilities); the expected number of keys in the whole index reaching the
/// candidate's count is keys × the Poisson tail, and the confidence is the chance that none does: exp(−expected).
/// Real sound is more alike than independent frames (two voices share harmonic stacks), which is why matching also
/// requires <see cref="FingerprintOptions.MinFrames"/> and <see cref="FingerprintOptions.MinStretches"/>.
/// </summary>
internal static class ChanceModel
{
    private static readonly double[] LogFactorials = BuildLogFactorials(4096);

    /// <summary>The confidence of <paramref name="frames"/> frames hit when a random key expects <paramref name="chanceFrames"/>, over <paramref name="keys"/> keys.</summary>
    public static double Confidence(int frames, double chanceFrames, long keys)
    {
        if (frames <= 0)
        {
            return 0;
        }

        var logExpected = Math.Log(Math.Max(1, keys)) + LogPoissonTail(frames, chanceFrames);
        return logExpected < -700 ? 1.0 : Math.Exp(-Math.Exp(logExpected));
    }

    /// <summary>ln P(X ≥ <paramref name="k"/>) for X Poisson with mean <paramref name="mean"/>.</summary>
    private static double LogPoissonTail(int k, double mean)
    {
        if (mean <= 0)
        {
            return double.NegativeInfinity;
        }

        if (k <= mean)
        {
            return 0;
        }

        var logFirst = -mean + (k * Math.Log(mean)) - LogFactorial(k);
        // The terms after the first fall at least as fast as mean / (k + 1): a short geometric sum.
        var sum = 1.0;
        var term = 1.0;
        for (var j = k + 1; j < k + 200 && term > 1e-12; j++)
        {
            term *= mean / j;
            sum += term;
        }

        return Math.Min(0, logFirst + Math.Log(sum));
    }

    private static double LogFactorial(int n) =>
        n < LogFactorials.Length
            ? LogFactorials[n]
            : (n * Math.Log(n)) - n + (0.5 * Math.Log(2 * Math.PI * n)) + (1.0 / (12.0 * n));

    private static double[] BuildLogFactorials(int count)
    {
        var table = new double[count];
        for (var i = 2; i < count; i++)
        {
            table[i] = table[i - 1] + Math.Log(i);
        }

        return table;
    }
}
