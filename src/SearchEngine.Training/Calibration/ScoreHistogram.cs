namespace SearchEngine.Training.Calibration;

/// <summary>
/// Query–item pairs counted by similarity in bins of 0.001 over [-1, 1]: how many pairs and how many relevant ones
/// scored about each value. Millions of pairs (5,000 captions × 4,999 captions) fit in two small arrays, and an
/// isotonic fit over the bins equals the fit over the pairs up to a thousandth of a score.
/// </summary>
public sealed class ScoreHistogram
{
    /// <summary>Bins per unit of score.</summary>
    public const int BinsPerUnit = 1000;

    private const int BinCount = (2 * BinsPerUnit) + 1;
    private readonly long[] _pairs = new long[BinCount];
    private readonly long[] _relevant = new long[BinCount];

    /// <summary>All pairs counted.</summary>
    public long Pairs { get; private set; }

    /// <summary>Relevant pairs counted.</summary>
    public long Relevant { get; private set; }

    /// <summary>Counts one pair (scores outside [-1, 1], which rounding can give, go to the end bins).</summary>
    public void Add(float score, bool relevant)
    {
        var bin = BinOf(score);
        _pairs[bin]++;
        Pairs++;
        if (relevant)
        {
            _relevant[bin]++;
            Relevant++;
        }
    }

    /// <summary>Adds every count of <paramref name="other"/> to this histogram.</summary>
    public void Add(ScoreHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < BinCount; i++)
        {
            _pairs[i] += other._pairs[i];
            _relevant[i] += other._relevant[i];
        }

        Pairs += other.Pairs;
        Relevant += other.Relevant;
    }

    /// <summary>The bins that hold pairs, in score order: the bin's central score, its pairs and its relevant pairs.</summary>
    public IEnumerable<(float Score, long Pairs, long Relevant)> Bins()
    {
        for (var i = 0; i < BinCount; i++)
        {
            if (_pairs[i] > 0)
            {
                yield return (ScoreOf(i), _pairs[i], _relevant[i]);
            }
        }
    }

    private static int BinOf(float score) =>
        float.IsNaN(score) ? 0 : Math.Clamp((int)MathF.Round((score + 1) * BinsPerUnit), 0, BinCount - 1);

    private static float ScoreOf(int bin) => ((float)bin / BinsPerUnit) - 1;
}
