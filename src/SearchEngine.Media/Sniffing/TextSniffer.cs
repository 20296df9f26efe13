using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Unicode;
using SearchEngine.Core;

namespace SearchEngine.Media.Sniffing;

/// <summary>
/// Text is valid UTF-8 (or UTF-16 with a byte-order mark) without NUL bytes. Subtitles are recognised by their cue
/// timing lines, JSON by its opening brace or its extension.
/// </summary>
internal static class TextSniffer
{
    public static ContentType? Match(ReadOnlySpan<byte> head, string? extension)
    {
        var ext = extension?.TrimStart('.').ToLowerInvariant();
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Text(ext is "json" or "srt" or "vtt" ? ext : "txt");
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            head = head[3..];
        }

        if (head.Contains((byte)0) || !IsUtf8(head, isWholeFile: head.Length < MediaSniffer.HeadBytes - 3))
        {
            return null;
        }

        if (ext is "json" or "srt" or "vtt")
        {
            return Text(ext);
        }

        var start = SkipWhitespace(head);
        if (MediaSniffer.StartsWith(start, 0, "WEBVTT"))
        {
            return Text("vtt");
        }

        if (LooksLikeSubtitles(start))
        {
            return Text("srt");
        }

        return Text(!start.IsEmpty && start[0] == (byte)'{' ? "json" : "txt");
    }

    private static ContentType Text(string format) => ContentType.Of(Modality.Text, format);

    private static bool IsUtf8(ReadOnlySpan<byte> bytes, bool isWholeFile)
    {
        var chars = ArrayPool<char>.Shared.Rent(bytes.Length);
        try
        {
            var status = Utf8.ToUtf16(bytes, chars, out _, out _, replaceInvalidSequences: false, isFinalBlock: isWholeFile);
            return status is OperationStatus.Done or OperationStatus.NeedMoreData;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static ReadOnlySpan<byte> SkipWhitespace(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length && bytes[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return bytes[i..];
    }

    // An SRT file starts with a cue number line followed by "hh:mm:ss,mmm --> hh:mm:ss,mmm".
    private static bool LooksLikeSubtitles(ReadOnlySpan<byte> start)
    {
        var firstLineEnd = start.IndexOf((byte)'\n');
        if (firstLineEnd <= 0 || !Utf8Parser.TryParse(start[..firstLineEnd].TrimEnd((byte)'\r'), out int _, out var consumed)
            || consumed != start[..firstLineEnd].TrimEnd((byte)'\r').Length)
        {
            return false;
        }

        var rest = start[(firstLineEnd + 1)..];
        var secondLineEnd = rest.IndexOf((byte)'\n');
        var second = secondLineEnd < 0 ? rest : rest[..secondLineEnd];
        return second.IndexOf("-->"u8) > 0 && second.IndexOf((byte)':') >= 0;
    }
}
