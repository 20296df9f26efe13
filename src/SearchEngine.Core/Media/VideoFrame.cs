namespace SearchEngine.Core.Media;

/// <summary>One keyframe taken from a video.</summary>
/// <param name="Time">Presentation time in seconds.</param>
/// <param name="Image">The frame, decoded.</param>
public sealed record VideoFrame(double Time, RgbImage Image);
