namespace SearchEngine.Media.Sniffing;

/// <summary>Common files that are not media, named so the error tells a person what they actually gave.</summary>
internal static class OtherSignatures
{
    public static ContentType? Match(ReadOnlySpan<byte> head)
    {
        var what = head switch
        {
            _ when MediaSniffer.StartsWith(head, 0, "%PDF-") => "a PDF document",
            _ when MediaSniffer.StartsWith(head, 0, "PK\u0003\u0004") => "a ZIP archive (or an Office document)",
            _ when head.Length >= 2 && head[0] == 0x1F && head[1] == 0x8B => "gzip-compressed data",
            _ when MediaSniffer.StartsWith(head, 0, "\u007FELF") => "an executable (ELF)",
            _ when MediaSniffer.StartsWith(head, 0, "MZ") && head.Length >= 64 => "a Windows executable",
            _ when MediaSniffer.StartsWith(head, 0, "II*\0") || MediaSniffer.StartsWith(head, 0, "MM\0*") => "a TIFF image",
            _ when MediaSniffer.StartsWith(head, 0, "7z\u00BC\u00AF\u0027\u001C") => "a 7-Zip archive",
            _ when MediaSniffer.StartsWith(head, 0, "Rar!") => "a RAR archive",
            _ when MediaSniffer.StartsWith(head, 0, "SQLite format 3\0") => "an SQLite database",
            _ => null,
        };

        return what is null
            ? null
            : ContentType.Unsupported(what, $"the content is {what}, which is not a supported image, audio, video or text format");
    }
}
