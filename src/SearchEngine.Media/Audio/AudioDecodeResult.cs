using SearchEngine.Core.Media;

namespace SearchEngine.Media.Audio;

/// <summary>The outcome for one file of <see cref="AudioDecoder.DecodeManyAsync"/>: its clip or why it was rejected.</summary>
/// <param name="Path">The file.</param>
/// <param name="Clip">The decoded clip; null when the file was rejected.</param>
/// <param name="Error">Why the file was rejected; null when it decoded.</param>
public sealed record AudioDecodeResult(string Path, AudioClip? Clip, MediaException? Error)
{
    /// <summary>The clip, or the file's <see cref="MediaException"/> thrown.</summary>
    public AudioClip GetClip() => Clip ?? throw Error!;
}
