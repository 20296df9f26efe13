namespace SearchEngine.Benchmarks.Fingerprints;

/// <summary>
/// The answers for one condition: top-1 is right when the most confident match names the recording the clip was cut
/// from (a clip with no match at all counts as wrong); time errors are |offset − truth| over right top-1 answers.
/// </summary>
internal sealed class ConditionResult(QueryCondition condition)
{
    private readonly List<double> _timeErrors = [];

    public QueryCondition Condition { get; } = condition;

    public int Queries { get; private set; }

    public int Correct { get; private set; }

    /// <summary>Queries that got any match at all; for a negative condition each one is a false positive.</summary>
    public int Answered { get; private set; }

    public double Top1 => Queries == 0 ? double.NaN : Correct / (double)Queries;

    public double MedianTimeError => Percentile.Of(_timeErrors, 50);

    public double P95TimeError => Percentile.Of(_timeErrors, 95);

    /// <summary>Queries and right top-1 answers per source of the clip (speech, urbansound8k, fsdd).</summary>
    public Dictionary<string, (int Queries, int Correct)> BySource { get; } = new(StringComparer.Ordinal);

    public void Add(QueryClip clip, string source, SearchEngine.Fingerprints.FingerprintMatch? best)
    {
        Queries++;
        var (queries, correct) = BySource.GetValueOrDefault(source);
        var right = best is not null && best.DocumentId == clip.RecordingId;
        BySource[source] = (queries + 1, correct + (right ? 1 : 0));
        if (best is null)
        {
            return;
        }

        Answered++;
        if (right)
        {
            Correct++;
            _timeErrors.Add(Math.Abs(best.OffsetSeconds - clip.OffsetSeconds));
        }
    }
}
