namespace SearchEngine.Fingerprints;

/// <summary>
/// How likely chance alone gives a vote key as many votes as a candidate got: the votes a query casts spread over the
/// index's frames like a Poisson process, so a key's votes (summed over the ±1-frame tolerance) are Poisson with mean
/// 3 × votes cast / frames, and the expected number of keys anywhere in the index reaching the candidate's count is
/// frames × the Poisson tail. The confidence is the chance that none does: exp(−expected).
/// </summary>
internal static class ChanceModel
{
    private static readonly double[] LogFactorials = BuildLogFactorials(4096);

    /// <summary>The confidence of <paramref name="votes"/> for one key when <paramref name="votesCast"/> votes fell over <paramref name="keySpace"/> keys.</summary>
    public static double Confidence(int votes, long votesCast, long keySpace)
    {
        if (votes <= 0)
        {
            return 0;
        }

        keySpace = Math.Max(1, keySpace);
        var mean = 3.0 * votesCast / keySpace;
        var logTail = LogPoissonTail(votes, mean);
        var logExpected = Math.Log(keySpace) + logTail;
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

        var logMean = Math.Log(mean);
        var logFirst = -mean + (k * logMean) - LogFactorial(k);
        // The terms after the first fall at least as fast as mean / (k + 1), a geometric series.
        var sum = 1.0;
        var term = 1.0;
        for (var j = k + 1; j < k + 200 && term > 1e-12; j++)
        {
            term *= mean / j;
            sum += term;
        }

        return logFirst + Math.Log(sum);
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
