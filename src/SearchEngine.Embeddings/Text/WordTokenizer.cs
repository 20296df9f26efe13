using System.Globalization;
using System.Text;

namespace SearchEngine.Embeddings.Text;

/// <summary>
/// Splits text the way word-vector vocabularies are built: lower-case (invariant culture), runs of letters and digits
/// form words, every other non-space character (punctuation, symbols, emoji) is a token of its own.
/// "Don't stop!" gives <c>don ' t stop !</c>.
/// </summary>
public static class WordTokenizer
{
    /// <summary>The tokens of <paramref name="text"/>, in order.</summary>
    public static List<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        var word = new StringBuilder();
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            var element = enumerator.GetTextElement();
            var first = element[0];
            if (char.IsLetterOrDigit(first) || (element.Length > 1 && char.IsLetterOrDigit(element, 0)))
            {
                word.Append(element.ToLowerInvariant());
                continue;
            }

            Flush(word, tokens);
            if (!string.IsNullOrWhiteSpace(element))
            {
                tokens.Add(element);
            }
        }

        Flush(word, tokens);
        return tokens;
    }

    private static void Flush(StringBuilder word, List<string> tokens)
    {
        if (word.Length > 0)
        {
            tokens.Add(word.ToString());
            word.Clear();
        }
    }
}
