using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace SearchEngine.Embeddings.Tokenizers;

/// <summary>
/// Python's <c>html.unescape</c>, which CLIP's reference tokenizer applies (twice) to every text: numeric references with
/// the HTML5 rules for invalid code points, named references with or without the semicolon, and the longest-prefix rule
/// for legacy names (<c>&amp;ampfoo</c> → <c>&amp;foo</c>). Named references resolve through <see cref="WebUtility"/>,
/// which knows the HTML 4 names; the ~2 000 names that only HTML5 adds (e.g. <c>&amp;NewLine;</c>) stay as written here,
/// a difference no caption or query in practice contains.
/// </summary>
public static partial class HtmlCharacterReferences
{
    // The names the HTML5 standard also accepts without a trailing semicolon (html.entities.html5 keys without ';').
    private static readonly HashSet<string> LegacyNames = new(
        ("Aacute aacute Acirc acirc acute AElig aelig Agrave agrave AMP amp Aring aring Atilde atilde Auml auml brvbar " +
         "Ccedil ccedil cedil cent COPY copy curren deg divide Eacute eacute Ecirc ecirc Egrave egrave ETH eth Euml euml " +
         "frac12 frac14 frac34 GT gt Iacute iacute Icirc icirc iexcl Igrave igrave iquest Iuml iuml laquo LT lt macr micro " +
         "middot nbsp not Ntilde ntilde Oacute oacute Ocirc ocirc Ograve ograve ordf ordm Oslash oslash Otilde otilde Ouml " +
         "ouml para plusmn pound QUOT quot raquo REG reg sect shy sup1 sup2 sup3 szlig THORN thorn times Uacute uacute " +
         "Ucirc ucirc Ugrave ugrave uml Uuml uuml Yacute yacute yen yuml").Split(' '),
        StringComparer.Ordinal);

    // Windows-1252 readings of the C1 range, which HTML5 applies to numeric references 0x80–0x9F.
    private const string C1Replacements =
        "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
        "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

    /// <summary>Replaces every character reference in <paramref name="text"/> as Python's <c>html.unescape</c> does.</summary>
    public static string Unescape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Contains('&', StringComparison.Ordinal) ? Reference().Replace(text, Replace) : text;
    }

    [GeneratedRegex(@"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();

    private static string Replace(Match match)
    {
        var body = match.Groups[1].Value;
        return body[0] == '#' ? Numeric(body) : Named(body);
    }

    private static string Numeric(string body)
    {
        var hex = body[1] is 'x' or 'X';
        var digits = body.AsSpan(hex ? 2 : 1).TrimEnd(';');
        var parsed = long.TryParse(digits, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out var value);
        if (!parsed || value > 0x10FFFF)
        {
            return "\uFFFD";
        }

        return value switch
        {
            0 => "\uFFFD",
            0x0D => "\r",
            >= 0x80 and <= 0x9F => C1Replacements[(int)value - 0x80].ToString(),
            >= 0xD800 and <= 0xDFFF => "\uFFFD",
            _ when IsInvalidCodePoint((int)value) => "",
            _ => char.ConvertFromUtf32((int)value),
        };
    }

    private static bool IsInvalidCodePoint(int value) =>
        value is (>= 0x01 and <= 0x08) or 0x0B or (>= 0x0E and <= 0x1F) or 0x7F or (>= 0xFDD0 and <= 0xFDEF) ||
        (value & 0xFFFE) == 0xFFFE;

    private static string Named(string body)
    {
        if (Lookup(body) is { } whole)
        {
            return whole;
        }

        // The longest legacy name that prefixes the reference wins; the rest stays as text.
        for (var length = body.Length - 1; length > 1; length--)
        {
            var prefix = body[..length];
            if (LegacyNames.Contains(prefix))
            {
                return Lookup(prefix) + body[length..];
            }
        }

        return "&" + body;
    }

    private static string? Lookup(string name)
    {
        var bare = name.EndsWith(';') ? name[..^1] : name;
        if (!name.EndsWith(';') && !LegacyNames.Contains(bare))
        {
            return null;
        }

        // The upper-case legacy spellings (AMP, COPY, GT, LT, QUOT, REG) mean what their lower-case forms mean.
        if (bare is "AMP" or "COPY" or "GT" or "LT" or "QUOT" or "REG")
        {
            bare = bare.ToLowerInvariant();
        }

        var reference = "&" + bare + ";";
        var decoded = WebUtility.HtmlDecode(reference);
        return decoded == reference ? null : decoded;
    }
}
