namespace SearchEngine.Media.Sniffing;

/// <summary>
/// An ID3v2 tag is only metadata put in front of MP3 (or AAC) frames; "ID3" alone says nothing about what follows. A
/// tag in front of anything else (an HLS playlist, a concat list) once made ffmpeg probe past it and follow what it
/// found, so a file is audio only when real MPEG audio frames follow the tag.
/// </summary>
internal static class Id3Tag
{
    private const int HeaderBytes = 10;

    // Encoders pad between the tag and the first frame; ffmpeg skips a little of that too.
    private const int MaxPadding = 4096;

    /// <summary>Bytes to read after the tag to find its frames.</summary>
    public const int FramesBytes = MaxPadding + 8192;

    /// <summary>Where the tag that starts <paramref name="head"/> ends, or -1 when its header is malformed.</summary>
    public static long End(ReadOnlySpan<byte> head)
    {
        if (head.Length < HeaderBytes || !MediaSniffer.StartsWith(head, 0, "ID3") || head[3] is < 2 or > 4 || head[4] == 0xFF
            || head[6] >= 0x80 || head[7] >= 0x80 || head[8] >= 0x80 || head[9] >= 0x80)
        {
            return -1;
        }

        // The size is "syncsafe": 7 bits per byte. A footer (flag 0x10) adds another 10 bytes.
        long size = (head[6] << 21) | (head[7] << 14) | (head[8] << 7) | head[9];
        return HeaderBytes + size + ((head[5] & 0x10) != 0 ? HeaderBytes : 0);
    }

    /// <summary>The content of a file whose ID3 tag ends just before <paramref name="afterTag"/>.</summary>
    public static ContentType MatchAfter(ReadOnlySpan<byte> afterTag)
    {
        var padding = afterTag[..Math.Min(afterTag.Length, MaxPadding)].IndexOfAnyExcept((byte)0);
        var frames = padding < 0 ? [] : afterTag[padding..];
        return MpegAudioFrames.Match(frames) ?? NoFrames;
    }

    /// <summary>A tag whose header is malformed, or whose frames are missing.</summary>
    public static ContentType NoFrames { get; } = ContentType.Unsupported("an ID3 tag without MPEG audio",
        "the file starts with an ID3 tag, but no MPEG audio frames follow it; it is not a supported audio file");
}
