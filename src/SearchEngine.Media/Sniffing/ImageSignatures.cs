namespace SearchEngine.Media.Sniffing;

/// <summary>Magic numbers of the still-image formats the image decoder reads.</summary>
internal static class ImageSignatures
{
    public static ContentType? Match(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
        {
            return MediaSniffer.Image("jpeg");
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return MediaSniffer.Image("png");
        }

        if (MediaSniffer.StartsWith(head, 0, "GIF87a") || MediaSniffer.StartsWith(head, 0, "GIF89a"))
        {
            return MediaSniffer.Image("gif");
        }

        if (MediaSniffer.StartsWith(head, 0, "RIFF") && MediaSniffer.StartsWith(head, 8, "WEBP"))
        {
            return MediaSniffer.Image("webp");
        }

        // "BM" alone is two printable letters; the DIB header size that follows tells a bitmap from text starting "BM".
        if (MediaSniffer.StartsWith(head, 0, "BM") && head.Length >= 18)
        {
            var dibHeaderSize = BitConverter.ToUInt32(head.Slice(14, 4));
            if (dibHeaderSize is 12 or 40 or 52 or 56 or 64 or 108 or 124)
            {
                return MediaSniffer.Image("bmp");
            }
        }

        return null;
    }
}
