using SearchEngine.Core.Media;

namespace SearchEngine.Media.Video;

/// <summary>What a video yields for indexing: keyframes for the image tower and, when it has sound, its audio track.</summary>
/// <param name="Frames">Keyframes in time order (empty when the file has no video stream).</param>
/// <param name="Audio">The sound track, mono at the requested rate; null when the video has no audio stream or no rate was requested.</param>
/// <param name="Duration">The container's duration in seconds, when known.</param>
public sealed record VideoContent(IReadOnlyList<VideoFrame> Frames, AudioClip? Audio, double? Duration);
