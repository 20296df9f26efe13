using System.Buffers;
using System.Text;

namespace SearchEngine.Media.Sniffing;

/// <summary>
/// SVG has no magic number: it is an XML document whose root element is <c>svg</c> (with or without a namespace
/// prefix). What may come before the root (a byte-order mark, the XML declaration, comments, processing instructions,
/// a DOCTYPE) is skipped to find it; any other root leaves the file to the text sniffer, so ordinary XML stays text.
/// </summary>
internal static class SvgSignature
{
    private static readonly SearchValues<char> NameEnd = SearchValues.Create(" \t\r\n/>");

    public static ContentType? Match(ReadOnlySpan<byte> head)
    {
        var markup = Decode(head);
        return markup is not null && RootIsSvg(markup) ? MediaSniffer.Image("svg") : null;
    }

    // The head as text when it can be XML: UTF-16 with a byte-order mark, otherwise UTF-8 starting (after an optional
    // BOM and whitespace) with '<'. Anything else is not decoded, so sniffing other files costs nothing here.
    private static string? Decode(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(head[2..]);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(head[2..]);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            head = head[3..];
        }

        var start = head.IndexOfAnyExcept(" \t\r\n"u8);
        return start >= 0 && head[start] == (byte)'<' ? Encoding.UTF8.GetString(head[start..]) : null;
    }

    private static bool RootIsSvg(ReadOnlySpan<char> markup)
    {
        while (true)
        {
            markup = markup.TrimStart(" \t\r\n");
            if (markup.StartsWith("<?", StringComparison.Ordinal))
            {
                markup = After(markup, "?>");
            }
            else if (markup.StartsWith("<!--", StringComparison.Ordinal))
            {
                markup = After(markup, "-->");
            }
            else if (markup.StartsWith("<!DOCTYPE", StringComparison.Ordinal))
            {
                markup = AfterDoctype(markup);
            }
            else
            {
                return markup.StartsWith("<", StringComparison.Ordinal) && IsSvgName(markup[1..]);
            }
        }
    }

    // "svg" or "prefix:svg", followed by whatever may end an element name.
    private static bool IsSvgName(ReadOnlySpan<char> name)
    {
        var end = name.IndexOfAny(NameEnd);
        if (end < 0)
        {
            return false;
        }

        var qualified = name[..end];
        var colon = qualified.IndexOf(':');
        return qualified[(colon + 1)..].SequenceEqual("svg");
    }

    private static ReadOnlySpan<char> After(ReadOnlySpan<char> markup, string terminator)
    {
        var end = markup.IndexOf(terminator, StringComparison.Ordinal);
        return end < 0 ? [] : markup[(end + terminator.Length)..];
    }

    // A DOCTYPE ends at the first '>' outside quotes and outside its internal subset ("[ … ]"), whose declarations
    // may hold '>' of their own.
    private static ReadOnlySpan<char> AfterDoctype(ReadOnlySpan<char> markup)
    {
        var inSubset = false;
        var quote = '\0';
        for (var i = "<!DOCTYPE".Length; i < markup.Length; i++)
        {
            var c = markup[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '[')
            {
                inSubset = true;
            }
            else if (c == ']')
            {
                inSubset = false;
            }
            else if (c == '>' && !inSubset)
            {
                return markup[(i + 1)..];
            }
        }

        return [];
    }
}
