using System.Globalization;

namespace SearchEngine.Benchmarks.Fingerprints;

/// <summary>One query file and its truth: the recording it was cut from and where its first sample lies there.</summary>
internal sealed record QueryClip(string Condition, int Number, int RecordingId, double OffsetSeconds, double Seconds, string Path)
{
    public string ToLine() => string.Join('\t', Condition, Number.ToString(CultureInfo.InvariantCulture), RecordingId.ToString(CultureInfo.InvariantCulture),
        OffsetSeconds.ToString("R", CultureInfo.InvariantCulture), Seconds.ToString("R", CultureInfo.InvariantCulture), Path);

    public static QueryClip FromLine(string line)
    {
        var f = line.Split('\t');
        return new QueryClip(f[0], int.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[2], CultureInfo.InvariantCulture),
            double.Parse(f[3], CultureInfo.InvariantCulture), double.Parse(f[4], CultureInfo.InvariantCulture), f[5]);
    }
}
