namespace SearchEngine.Media.Sniffing;

/// <summary>
/// Audio and video containers: RIFF (WAV, AVI), FLAC, Ogg, MP3/AAC streams, ISO media (MP4, MOV, M4A) and
/// Matroska/WebM. Containers that can hold either sound or pictures are looked into for a video track.
/// </summary>
internal static class ContainerSignatures
{
    private static readonly string[] AudioOnlyIsoBrands = ["M4A ", "M4B ", "M4P ", "F4A ", "F4B "];
    private static readonly string[] HeifBrands = ["heic", "heix", "hevc", "heim", "heis", "mif1", "msf1", "avif", "avis"];

    public static ContentType? Match(ReadOnlySpan<byte> head)
    {
        if (MediaSniffer.StartsWith(head, 0, "RIFF") || MediaSniffer.StartsWith(head, 0, "RF64"))
        {
            if (MediaSniffer.StartsWith(head, 8, "WAVE"))
            {
                return MediaSniffer.Audio("wav");
            }

            if (MediaSniffer.StartsWith(head, 8, "AVI "))
            {
                return MediaSniffer.Video("avi");
            }
        }

        if (MediaSniffer.StartsWith(head, 0, "FORM") && (MediaSniffer.StartsWith(head, 8, "AIFF") || MediaSniffer.StartsWith(head, 8, "AIFC")))
        {
            return MediaSniffer.Audio("aiff");
        }

        if (MediaSniffer.StartsWith(head, 0, "fLaC"))
        {
            return MediaSniffer.Audio("flac");
        }

        if (MediaSniffer.StartsWith(head, 0, "OggS"))
        {
            return MatchOgg(head);
        }

        if (MediaSniffer.StartsWith(head, 4, "ftyp"))
        {
            return MatchIsoMedia(head);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
        {
            return MatchMatroska(head);
        }

        if (MediaSniffer.StartsWith(head, 0, "ID3"))
        {
            // A tag running past the head is looked behind by MediaSniffer.Sniff(path), which can read the file there.
            var end = Id3Tag.End(head);
            return end < 0 || end >= head.Length ? Id3Tag.NoFrames : Id3Tag.MatchAfter(head[(int)end..]);
        }

        return MpegAudioFrames.Match(head);
    }

    private static ContentType MatchOgg(ReadOnlySpan<byte> head)
    {
        // Each logical stream starts with a header packet naming its codec; a Theora stream makes the file a video.
        if (MediaSniffer.IndexOf(head, "\u0080theora") >= 0)
        {
            return MediaSniffer.Video("ogg-theora");
        }

        if (MediaSniffer.IndexOf(head, "OpusHead") >= 0)
        {
            return MediaSniffer.Audio("ogg-opus");
        }

        if (MediaSniffer.IndexOf(head, "\u0001vorbis") >= 0)
        {
            return MediaSniffer.Audio("ogg-vorbis");
        }

        if (MediaSniffer.IndexOf(head, "\u007FFLAC") >= 0)
        {
            return MediaSniffer.Audio("ogg-flac");
        }

        return MediaSniffer.Audio("ogg");
    }

    private static ContentType MatchIsoMedia(ReadOnlySpan<byte> head)
    {
        var brand = head.Length >= 12 ? System.Text.Encoding.Latin1.GetString(head.Slice(8, 4)) : string.Empty;
        if (HeifBrands.Contains(brand))
        {
            return ContentType.Unsupported("a HEIF/AVIF image",
                $"HEIF/AVIF images (brand '{brand.Trim()}') are not supported; convert to JPEG, PNG or WebP");
        }

        if (AudioOnlyIsoBrands.Contains(brand))
        {
            return MediaSniffer.Audio("m4a");
        }

        // When the movie header is near the start ("faststart"), its track handlers tell sound-only files from videos.
        var sawSound = false;
        for (var at = MediaSniffer.IndexOf(head, "hdlr"); at >= 0; at = MediaSniffer.IndexOf(head, "hdlr", at + 4))
        {
            if (MediaSniffer.StartsWith(head, at + 12, "vide"))
            {
                return MediaSniffer.Video(brand == "qt  " ? "mov" : "mp4");
            }

            sawSound |= MediaSniffer.StartsWith(head, at + 12, "soun");
        }

        return sawSound ? MediaSniffer.Audio("m4a") : MediaSniffer.Video(brand == "qt  " ? "mov" : "mp4");
    }

    private static ContentType MatchMatroska(ReadOnlySpan<byte> head)
    {
        var format = MediaSniffer.IndexOf(head[..Math.Min(head.Length, 64)], "webm") >= 0 ? "webm" : "matroska";

        // Tracks (ID 16 54 AE 6B) lists TrackEntry elements whose TrackType (ID 83, one-byte size 81) is 1 for video.
        ReadOnlySpan<byte> tracksId = [0x16, 0x54, 0xAE, 0x6B];
        var tracks = head.IndexOf(tracksId);
        if (tracks < 0)
        {
            return MediaSniffer.Video(format);
        }

        ReadOnlySpan<byte> videoTrack = [0x83, 0x81, 0x01];
        ReadOnlySpan<byte> audioTrack = [0x83, 0x81, 0x02];
        var body = head[tracks..];
        if (body.IndexOf(videoTrack) >= 0 || body.IndexOf(audioTrack) < 0)
        {
            return MediaSniffer.Video(format);
        }

        return MediaSniffer.Audio(format);
    }
}
