using System.Text;

namespace SearchEngine.Embeddings.Tokenizers;

/// <summary>
/// The text clean-up of openai/CLIP's <c>simple_tokenizer.py</c>: <c>basic_clean</c> (HTML-unescape twice, strip),
/// <c>whitespace_clean</c> (runs of whitespace become one space), then lower-case. The reference also runs
/// <c>ftfy.fix_text</c> first; that repairs mojibake and is not reproduced here — well-formed text passes through ftfy
/// unchanged, and the indexer only feeds well-formed text.
/// </summary>
public static class ClipTextNormalizer
{
    /// <summary>The cleaned, lower-cased form of <paramref name="text"/> that the pre-tokenizer splits.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var unescaped = HtmlCharacterReferences.Unescape(HtmlCharacterReferences.Unescape(text));
        return PythonLowerCase.Lower(CollapseWhitespace(unescaped.AsSpan().Trim(PythonStripCharacters)));
    }

    // str.strip() also removes the information separators U+001C–U+001F, which regex's \s does not match.
    private const string PythonStripCharacters =
        " \t\n\v\f\r\u001C\u001D\u001E\u001F\u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009" +
        "\u200A\u2028\u2029\u202F\u205F\u3000";

    private static string CollapseWhitespace(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder(text.Length);
        var inWhitespace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                inWhitespace = true;
                continue;
            }

            if (inWhitespace && builder.Length > 0)
            {
                builder.Append(' ');
            }

            inWhitespace = false;
            builder.Append(c);
        }

        return builder.ToString();
    }
}
