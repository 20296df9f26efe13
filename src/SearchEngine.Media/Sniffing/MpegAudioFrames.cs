namespace SearchEngine.Media.Sniffing;

/// <summary>
/// Recognises raw MPEG audio (MP3) and ADTS (AAC) streams without an ID3 tag by their frame headers. A frame sync is
/// only eleven set bits, so an MP3 is accepted only when a second valid header follows the first frame.
/// </summary>
internal static class MpegAudioFrames
{
    private static readonly int[] Mpeg1Layer3Kbps = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
    private static readonly int[] Mpeg2Layer3Kbps = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
    private static readonly int[] Mpeg1Rates = [44100, 48000, 32000];

    public static ContentType? Match(ReadOnlySpan<byte> head)
    {
        if (head.Length < 4 || head[0] != 0xFF)
        {
            return null;
        }

        // ADTS: sync 0xFFF, layer bits 00.
        if ((head[1] & 0xF6) == 0xF0 && head.Length >= 7)
        {
            var frameLength = ((head[3] & 0x03) << 11) | (head[4] << 3) | (head[5] >> 5);
            if (frameLength >= 7 && (frameLength + 2 > head.Length || (head[frameLength] == 0xFF && (head[frameLength + 1] & 0xF6) == 0xF0)))
            {
                return MediaSniffer.Audio("aac");
            }

            return null;
        }

        var first = Layer3FrameLength(head);
        if (first <= 0)
        {
            return null;
        }

        if (first + 4 > head.Length || Layer3FrameLength(head[first..]) > 0)
        {
            return MediaSniffer.Audio("mp3");
        }

        return null;
    }

    private static int Layer3FrameLength(ReadOnlySpan<byte> header)
    {
        if (header.Length < 4 || header[0] != 0xFF || (header[1] & 0xE0) != 0xE0)
        {
            return 0;
        }

        var version = (header[1] >> 3) & 0x03; // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5, 1 = reserved
        var layer = (header[1] >> 1) & 0x03;   // 1 = Layer III
        var bitrateIndex = header[2] >> 4;
        var rateIndex = (header[2] >> 2) & 0x03;
        if (version == 1 || layer != 1 || bitrateIndex is 0 or 15 || rateIndex == 3)
        {
            return 0;
        }

        var padding = (header[2] >> 1) & 0x01;
        var rate = Mpeg1Rates[rateIndex] >> (version == 3 ? 0 : version == 2 ? 1 : 2);
        return version == 3
            ? (144_000 * Mpeg1Layer3Kbps[bitrateIndex] / rate) + padding
            : (72_000 * Mpeg2Layer3Kbps[bitrateIndex] / rate) + padding;
    }
}
