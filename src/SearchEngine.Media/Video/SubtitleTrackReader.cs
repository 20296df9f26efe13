using System.Text;
using Microsoft.Extensions.Logging;
using SearchEngine.Media.Ffmpeg;
using SearchEngine.Media.Text;

namespace SearchEngine.Media.Video;

/// <summary>
/// Reads the timed lines of a video's embedded subtitle track: ffmpeg converts the first text subtitle stream
/// (SubRip, ASS/SSA, WebVTT, MP4 timed text) to SRT on its stdout, and <see cref="SubtitleParser"/> reads the cues.
/// Subtitles are an extra: a bitmap-only track (DVD, Blu-ray PGS, DVB) has no text to read and is passed over, and a
/// track ffmpeg cannot convert is logged and gives no cues, never failing the video whose frames and sound decoded.
/// </summary>
internal sealed partial class SubtitleTrackReader(MediaOptions options, ILogger logger)
{
    // ffmpeg's names for subtitle codecs that carry text; anything else (dvd_subtitle, hdmv_pgs_subtitle,
    // dvb_subtitle, xsub) is pictures of text.
    private static readonly HashSet<string> TextCodecs = new(StringComparer.Ordinal)
    {
        "subrip", "srt", "ass", "ssa", "webvtt", "mov_text", "text",
    };

    /// <summary>The cues of the first text subtitle stream in <paramref name="probe"/>; empty when there is none or it cannot be read.</summary>
    public async Task<IReadOnlyList<TextCue>> ReadAsync(string path, MediaProbe probe, CancellationToken cancellationToken)
    {
        var track = probe.Streams.FirstOrDefault(s => s.CodecType == "subtitle" && TextCodecs.Contains(s.CodecName));
        if (track is null)
        {
            return [];
        }

        var srt = new MemoryStream();
        var truncated = false;
        try
        {
            var (exitCode, stderr) = await FfmpegProcess.RunAsync(
                options.FfmpegPath,
                [
                    "-nostdin", "-hide_banner", "-v", "error", .. FfmpegInput.Of(path),
                    "-map", $"0:{track.Index}", "-vn", "-an", "-dn", "-c:s", "srt", "-f", "srt", "pipe:1",
                ],
                path,
                MediaStage.Decode,
                options.ProcessTimeout,
                async (stdout, ct) =>
                {
                    truncated = !await CopyCappedAsync(stdout, srt, options.MaxSubtitleBytes, ct).ConfigureAwait(false);
                    return !truncated;
                },
                cancellationToken).ConfigureAwait(false);
            if (exitCode != 0 && !truncated)
            {
                Unreadable(logger, path, track.CodecName, FfmpegProcess.Summarize(stderr, $"exit code {exitCode}"));
                return [];
            }
        }
        catch (MediaException e)
        {
            // A timeout or a missing ffmpeg: the frames and the sound already decoded, so the video goes on without words.
            Unreadable(logger, path, track.CodecName, e.Reason);
            return [];
        }

        if (truncated)
        {
            Truncated(logger, path, options.MaxSubtitleBytes);
        }

        // Lenient UTF-8: a stray byte in one line costs that character, not the track.
        return SubtitleParser.Parse(Encoding.UTF8.GetString(srt.GetBuffer(), 0, (int)srt.Length));
    }

    /// <summary>Copies until the end of <paramref name="source"/>; false (having copied exactly <paramref name="limit"/> bytes) when there is more.</summary>
    private static async Task<bool> CopyCappedAsync(Stream source, MemoryStream target, int limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            var room = limit - (int)target.Length;
            target.Write(buffer, 0, Math.Min(read, room));
            if (read > room)
            {
                return false;
            }
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Codec} subtitle track of {File} could not be read and is left out: {Reason}")]
    private static partial void Unreadable(ILogger logger, string file, string codec, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The subtitle track of {File} is longer than {Limit} bytes as SRT (Media:MaxSubtitleBytes); the cues past it are left out")]
    private static partial void Truncated(ILogger logger, string file, int limit);
}
