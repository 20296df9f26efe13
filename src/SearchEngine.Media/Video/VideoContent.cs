using SearchEngine.Core.Media;
using SearchEngine.Media.Text;

namespace SearchEngine.Media.Video;

/// <summary>What a video yields for indexing: keyframes for the image tower, its audio track when it has sound, and the timed lines of its subtitle track.</summary>
/// <param name="Frames">Keyframes in time order (empty when the file has no video stream).</param>
/// <param name="Audio">The sound track, mono at the requested rate; null when the video has no audio stream or no rate was requested.</param>
/// <param name="Duration">The container's duration in seconds, when known.</param>
public sealed record VideoContent(IReadOnlyList<VideoFrame> Frames, AudioClip? Audio, double? Duration)
{
    /// <summary>
    /// The cues of the first embedded text subtitle stream, in the video's time; empty when it has none (or only
    /// bitmap subtitles), or when the track could not be read.
    /// </summary>
    public IReadOnlyList<TextCue> Cues { get; init; } = [];
}
