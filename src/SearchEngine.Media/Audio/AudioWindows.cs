using SearchEngine.Core.Media;

namespace SearchEngine.Media.Audio;

/// <summary>
/// Cuts a clip into overlapping windows so that a match in long audio carries a time range. Windows start every hop;
/// when the last full window leaves at least half a hop of the end uncovered, one more window is aligned to the end so
/// the tail is covered at full length (a shorter tail, such as an encoder's padding, adds no near-duplicate window).
/// A clip no longer than one window gives one window: the clip itself.
/// </summary>
public static class AudioWindows
{
    /// <summary>
    /// The windows of <paramref name="clip"/>, each an <see cref="AudioClip"/> whose <see cref="AudioClip.Offset"/> is
    /// its start in the source (the clip's own offset included) and whose end is <c>Offset + Duration</c>.
    /// </summary>
    public static IReadOnlyList<AudioClip> Split(AudioClip clip, double windowSeconds, double hopSeconds)
    {
        ArgumentNullException.ThrowIfNull(clip);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowSeconds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hopSeconds);

        var window = Math.Max(1, (int)Math.Round(windowSeconds * clip.SampleRate));
        var hop = Math.Max(1, (int)Math.Round(hopSeconds * clip.SampleRate));
        var total = clip.Samples.Length;
        if (total <= window)
        {
            return [clip];
        }

        var windows = new List<AudioClip>((total - window) / hop + 2);
        var start = 0;
        for (; start + window <= total; start += hop)
        {
            windows.Add(Slice(clip, start, window));
        }

        var uncovered = total - (start - hop + window);
        if (uncovered * 2 >= hop)
        {
            windows.Add(Slice(clip, total - window, window));
        }

        return windows;
    }

    private static AudioClip Slice(AudioClip clip, int start, int length) =>
        new(clip.Samples.AsSpan(start, length).ToArray(), clip.SampleRate, clip.Offset + ((double)start / clip.SampleRate));
}
