using SearchEngine.Core.Media;
using SearchEngine.Media.Sniffing;
using SearchEngine.Media.Text;
using SearchEngine.Media.Video;

namespace SearchEngine.Media;

/// <summary>A file decoded for indexing; the subtype follows the content's <see cref="Core.Modality"/>.</summary>
/// <param name="Path">The file.</param>
/// <param name="Content">What the file's bytes were recognised as.</param>
public abstract record DecodedMedia(string Path, ContentType Content);

/// <summary>A decoded still image with its result-page thumbnail.</summary>
/// <param name="Path">The file.</param>
/// <param name="Content">What the file's bytes were recognised as.</param>
/// <param name="Image">The upright RGB image, shrunk on decode towards <see cref="MediaOptions.ImageShortSide"/>.</param>
/// <param name="Thumbnail">JPEG bytes, longest side at most <see cref="MediaOptions.ThumbnailSize"/>.</param>
public sealed record DecodedImage(string Path, ContentType Content, RgbImage Image, byte[] Thumbnail) : DecodedMedia(Path, Content);

/// <summary>
/// Decoded audio: the whole recording. It is not cut into windows here: the audio tower that embeds it owns its
/// windowing (window length, hop, how the tail is covered), so the times of its matches come from the tower.
/// </summary>
/// <param name="Path">The file.</param>
/// <param name="Content">What the file's bytes were recognised as.</param>
/// <param name="Clip">The whole recording, mono at the sample rate the caller asked for (its audio tower's).</param>
public sealed record DecodedAudio(string Path, ContentType Content, AudioClip Clip) : DecodedMedia(Path, Content);

/// <summary>A decoded video: keyframes, its whole sound track (windowed by the audio tower), and a thumbnail of the first keyframe.</summary>
/// <param name="Path">The file.</param>
/// <param name="Content">What the file's bytes were recognised as.</param>
/// <param name="Video">Keyframes with times and the audio track.</param>
/// <param name="Thumbnail">JPEG of the first keyframe; null when the file has no video stream.</param>
public sealed record DecodedVideo(string Path, ContentType Content, VideoContent Video, byte[]? Thumbnail) : DecodedMedia(Path, Content);

/// <summary>A decoded text, caption or subtitle document.</summary>
/// <param name="Path">The file.</param>
/// <param name="Content">What the file's bytes were recognised as.</param>
/// <param name="Document">Title, body and timed cues.</param>
public sealed record DecodedText(string Path, ContentType Content, TextDocument Document) : DecodedMedia(Path, Content);

/// <summary>The outcome for one file of a batch: the decoded media or the error that rejected it.</summary>
/// <param name="Path">The file.</param>
/// <param name="Media">The decoded media; null when the file was rejected.</param>
/// <param name="Error">Why the file was rejected; null when it decoded.</param>
public sealed record MediaDecodeResult(string Path, DecodedMedia? Media, MediaException? Error)
{
    /// <summary>Whether the file decoded.</summary>
    public bool Succeeded => Media is not null;
}
