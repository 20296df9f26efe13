using SearchEngine.Media.Sniffing;

namespace SearchEngine.Media.Ffmpeg;

/// <summary>
/// The input options of every ffmpeg and ffprobe run. Left to itself ffmpeg probes a file and picks any of its ~300
/// demuxers, some of which read other files or URLs the file names (HLS, concat, image2 patterns); an MP3-looking
/// upload holding an HLS playlist once made it decode a local file of the server's. So the demuxer is pinned to the
/// container the sniffer recognised (<c>-f</c>), only that demuxer may open (<c>-format_whitelist</c>), only the local
/// file protocol is allowed (<c>-protocol_whitelist file</c>), and the path is a <c>file:</c> URL so a name starting
/// with '-' or holding ':' is never an option or a protocol.
/// </summary>
internal static class FfmpegInput
{
    /// <summary>The options naming <paramref name="path"/> as input, its demuxer pinned from its sniffed content.</summary>
    /// <exception cref="MediaException">The content is not a container ffmpeg is allowed to read.</exception>
    public static IReadOnlyList<string> Of(string path)
    {
        var content = MediaSniffer.Sniff(path);
        var demuxer = DemuxerOf(content) ?? throw new MediaException(path, MediaStage.Sniff,
            content.IsSupported
                ? $"the content is {content.Describe()}, which is not an audio or video container"
                : content.Reason ?? "the content is not a supported audio or video format");
        return ["-f", demuxer, "-format_whitelist", demuxer, "-protocol_whitelist", "file", "-i", "file:" + Path.GetFullPath(path)];
    }

    /// <summary>ffmpeg's demuxer for a sniffed container; null for content ffmpeg must not read.</summary>
    public static string? DemuxerOf(ContentType content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Modality is not (Core.Modality.Audio or Core.Modality.Video))
        {
            return null;
        }

        return content.Format switch
        {
            "wav" => "wav",
            "aiff" => "aiff",
            "flac" => "flac",
            "mp3" => "mp3",
            "aac" => "aac",
            "avi" => "avi",
            "m4a" or "mp4" or "mov" => "mov", // ffmpeg's "mov,mp4,m4a,3gp,3g2,mj2" demuxer; external data references stay off
            "webm" or "matroska" => "matroska", // "matroska,webm"
            var ogg when ogg == "ogg" || ogg.StartsWith("ogg-", StringComparison.Ordinal) => "ogg",
            _ => null,
        };
    }
}
