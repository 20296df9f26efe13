namespace SearchEngine.Embeddings.Calibration;

/// <summary>
/// A monotone map from a similarity score to an estimated relevance (a probability in [0, 1]): knots of increasing
/// score with non-decreasing relevance, joined by straight lines, flat beyond the first and last knot. Straight lines
/// rather than steps, so two hits whose scores differ by a hair do not land a whole step apart.
/// </summary>
public sealed class RelevanceCurve
{
    private readonly float[] _scores;
    private readonly double[] _relevance;

    /// <summary>Creates the curve; throws <see cref="ArgumentException"/> unless the knots describe a monotone map into [0, 1].</summary>
    public RelevanceCurve(IReadOnlyList<float> scores, IReadOnlyList<double> relevance)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(relevance);
        if (scores.Count == 0 || scores.Count != relevance.Count)
        {
            throw new ArgumentException($"A relevance curve needs one relevance per score and at least one knot; it has {scores.Count} scores and {relevance.Count} relevances.", nameof(relevance));
        }

        _scores = [.. scores];
        _relevance = [.. relevance];
        for (var i = 0; i < _scores.Length; i++)
        {
            if (!float.IsFinite(_scores[i]) || (i > 0 && _scores[i] <= _scores[i - 1]))
            {
                throw new ArgumentException($"Scores must be finite and strictly increasing; knot {i} is {_scores[i]} after {(i > 0 ? _scores[i - 1] : float.NaN)}.", nameof(scores));
            }

            if (_relevance[i] is < 0 or > 1 || double.IsNaN(_relevance[i]) || (i > 0 && _relevance[i] < _relevance[i - 1]))
            {
                throw new ArgumentException($"Relevance must lie in [0, 1] and never fall as the score rises; knot {i} is {_relevance[i]}.", nameof(relevance));
            }
        }
    }

    /// <summary>The knots' scores, increasing.</summary>
    public IReadOnlyList<float> Scores => _scores;

    /// <summary>The knots' relevance, non-decreasing.</summary>
    public IReadOnlyList<double> Relevance => _relevance;

    /// <summary>The estimated relevance of a hit with <paramref name="score"/> (a NaN score counts as the lowest).</summary>
    public double At(float score)
    {
        if (float.IsNaN(score) || score <= _scores[0])
        {
            return _relevance[0];
        }

        if (score >= _scores[^1])
        {
            return _relevance[^1];
        }

        var upper = Array.BinarySearch(_scores, score);
        if (upper >= 0)
        {
            return _relevance[upper];
        }

        upper = ~upper; // the first knot above the score; the score lies strictly between knots upper-1 and upper
        var lower = upper - 1;
        var t = (score - (double)_scores[lower]) / (_scores[upper] - (double)_scores[lower]);
        return _relevance[lower] + (t * (_relevance[upper] - _relevance[lower]));
    }

    /// <summary>
    /// The lowest score whose relevance reaches <paramref name="relevance"/> (the first knot's score when every score
    /// does), or null when no score does: the threshold a client would put on the raw similarity for that relevance.
    /// </summary>
    public float? ScoreFor(double relevance)
    {
        if (relevance <= _relevance[0])
        {
            return _scores[0];
        }

        for (var i = 1; i < _scores.Length; i++)
        {
            if (_relevance[i] >= relevance)
            {
                var t = (relevance - _relevance[i - 1]) / (_relevance[i] - _relevance[i - 1]);
                return (float)(_scores[i - 1] + (t * (_scores[i] - (double)_scores[i - 1])));
            }
        }

        return null;
    }

    /// <summary>
    /// This map moved from the base rate it was fitted at to another: the same likelihood ratio of relevant to not
    /// relevant at every score (what the score says), a different prior (how many items are relevant to begin with).
    /// odds' = odds · [b / (1 − b)] / [a / (1 − a)] for base rates a → b; monotone again, and 0 and 1 stay put.
    /// </summary>
    public RelevanceCurve Rebased(double fromBaseRate, double toBaseRate)
    {
        if (!(fromBaseRate > 0 && fromBaseRate < 1 && toBaseRate > 0 && toBaseRate < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(toBaseRate), $"Base rates must lie strictly between 0 and 1; they are {fromBaseRate} and {toBaseRate}.");
        }

        return new RelevanceCurve(_scores, [.. _relevance.Select(p => Rebase(p, fromBaseRate, toBaseRate))]);
    }

    /// <summary>A probability fitted at base rate <paramref name="from"/> moved to base rate <paramref name="to"/>.</summary>
    public static double Rebase(double probability, double from, double to)
    {
        if (probability is <= 0 or >= 1)
        {
            return probability;
        }

        var odds = probability / (1 - probability) * (to / (1 - to)) / (from / (1 - from));
        return odds / (1 + odds);
    }

    /// <summary>
    /// The pointwise minimum of <paramref name="curves"/>: for every score, the least relevance any of them gives. It is
    /// monotone again (a minimum of non-decreasing maps), and exact: knots at every curve's knots and where two curves cross.
    /// </summary>
    public static RelevanceCurve LowerEnvelope(IReadOnlyCollection<RelevanceCurve> curves)
    {
        ArgumentNullException.ThrowIfNull(curves);
        if (curves.Count == 0)
        {
            throw new ArgumentException("The lower envelope of no curves is undefined.", nameof(curves));
        }

        var knots = curves.SelectMany(c => c._scores).Distinct().Order().ToList();
        var points = new SortedDictionary<float, double>();
        void Add(float score) => points[score] = curves.Min(c => c.At(score));
        foreach (var knot in knots)
        {
            Add(knot);
        }

        // Between two neighbouring knots every curve is one straight line, so the minimum can only bend where two lines cross.
        for (var k = 1; k < knots.Count; k++)
        {
            double a = knots[k - 1], b = knots[k];
            var lines = curves.Select(c => (Start: c.At(knots[k - 1]), End: c.At(knots[k]))).ToList();
            for (var i = 0; i < lines.Count; i++)
            {
                for (var j = i + 1; j < lines.Count; j++)
                {
                    var startGap = lines[i].Start - lines[j].Start;
                    var endGap = lines[i].End - lines[j].End;
                    if (startGap * endGap < 0)
                    {
                        var crossing = (float)(a + ((b - a) * (startGap / (startGap - endGap))));
                        if (crossing > knots[k - 1] && crossing < knots[k])
                        {
                            Add(crossing);
                        }
                    }
                }
            }
        }

        // Rounding of a crossing to float can leave a hair of non-monotonicity; clamp it away.
        var scores = points.Keys.ToArray();
        var relevance = points.Values.ToArray();
        for (var i = 1; i < relevance.Length; i++)
        {
            relevance[i] = Math.Max(relevance[i], relevance[i - 1]);
        }

        return new RelevanceCurve(scores, relevance);
    }
}
