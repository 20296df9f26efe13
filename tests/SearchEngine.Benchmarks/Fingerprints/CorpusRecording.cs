using System.Globalization;

namespace SearchEngine.Benchmarks.Fingerprints;

/// <summary>
/// One long recording of the corpus. <see cref="MasterPath"/> is the clean 22.05 kHz mono master that query clips are
/// cut from; <see cref="DocumentPath"/> is what gets indexed (an MP4 video, an Ogg Opus or a FLAC file made from the
/// master), or null for held-out recordings that only ever give negative queries.
/// </summary>
internal sealed record CorpusRecording(int Id, string Source, string MasterPath, string? DocumentPath, double Seconds)
{
    public bool Indexed => DocumentPath is not null;

    public string ToLine() => string.Join('\t', Id.ToString(CultureInfo.InvariantCulture), Source, MasterPath, DocumentPath ?? "-",
        Seconds.ToString("R", CultureInfo.InvariantCulture));

    public static CorpusRecording FromLine(string line)
    {
        var f = line.Split('\t');
        return new CorpusRecording(int.Parse(f[0], CultureInfo.InvariantCulture), f[1], f[2], f[3] == "-" ? null : f[3],
            double.Parse(f[4], CultureInfo.InvariantCulture));
    }
}
