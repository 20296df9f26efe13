namespace SearchEngine.Core.Media;

/// <summary>Decoded mono audio as 32-bit float samples in [-1, 1] at <see cref="SampleRate"/>.</summary>
/// <param name="Samples">The samples, mixed to mono.</param>
/// <param name="SampleRate">Samples per second.</param>
/// <param name="Offset">Where in the source file the first sample lies, in seconds (non-zero for a window of a longer file).</param>
public sealed record AudioClip(float[] Samples, int SampleRate, double Offset = 0)
{
    /// <summary>Length in seconds.</summary>
    public double Duration => (double)Samples.Length / SampleRate;
}
