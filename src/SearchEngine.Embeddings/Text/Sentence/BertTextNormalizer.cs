using System.Globalization;
using System.Text;

namespace SearchEngine.Embeddings.Text.Sentence;

/// <summary>
/// The steps of Hugging Face's uncased BERT tokenizer (<c>BertNormalizer</c>, WordPiece's word limit) that
/// FastBertTokenizer either leaves out or delegates to ICU, done here so token ids match Hugging Face's under
/// <c>InvariantGlobalization</c> too: control, format and private-use characters (and U+FFFD) are removed — tab,
/// newline and carriage return stay, as whitespace; accents are stripped (<see cref="AccentFolding"/>); a word of
/// more than <see cref="MaxCharactersPerWord"/> characters becomes <c>[UNK]</c> (<c>max_input_chars_per_word</c>;
/// FastBertTokenizer would split it into pieces); the CJK ideographs outside the Basic Multilingual Plane get spaces
/// around them (the library splits out only those inside it). Lower-casing, splitting into words and punctuation, the
/// other CJK ideographs as words of their own, and the word pieces are the library's.
/// </summary>
internal static class BertTextNormalizer
{
    /// <summary>The longest word WordPiece splits into pieces; a longer one is one <c>[UNK]</c>.</summary>
    public const int MaxCharactersPerWord = 100;

    /// <summary>Text the tokenizer reads as the unknown token (it matches added tokens in its input).</summary>
    public const string UnknownToken = "[UNK]";

    /// <summary>Returns <paramref name="text"/> cleaned and accent-folded, with over-long words replaced; the same instance when nothing changes.</summary>
    public static string Normalize(string text)
    {
        var cleaned = NeedsCleaning(text) ? Clean(text) : text;
        return ReplaceLongWords(cleaned);
    }

    /// <summary>
    /// Whether <paramref name="c"/> separates words: whitespace, punctuation or a CJK character, the three classes
    /// BERT's pre-tokenizer (and FastBertTokenizer's) splits on. Cutting text right after one never changes the pieces
    /// of the words before it.
    /// </summary>
    public static bool IsBoundary(char c) => char.IsWhiteSpace(c) || IsPunctuation(c) || IsCjk(c);

    private static bool NeedsCleaning(string text)
    {
        var span = text.AsSpan();
        var first = span.IndexOfAnyExceptInRange(' ', '~');
        if (first < 0)
        {
            return false;
        }

        for (var i = first; i < span.Length;)
        {
            if (Rune.DecodeFromUtf16(span[i..], out var rune, out var width) != System.Buffers.OperationStatus.Done
                || IsRemoved(rune) || AccentFolding.Changes(rune) || IsSupplementaryCjk(rune))
            {
                return true;
            }

            i += width;
        }

        return false;
    }

    private static string Clean(string text)
    {
        var output = new StringBuilder(text.Length);
        var span = text.AsSpan();
        for (var i = 0; i < span.Length;)
        {
            // A lone surrogate does not decode: it is category Cs, removed like the control characters.
            if (Rune.DecodeFromUtf16(span[i..], out var rune, out var width) != System.Buffers.OperationStatus.Done || IsRemoved(rune))
            {
                // Removed.
            }
            else if (IsSupplementaryCjk(rune))
            {
                output.Append(' ').Append(rune.ToString()).Append(' ');
            }
            else
            {
                AccentFolding.Append(rune, output);
            }

            i += width;
        }

        return output.ToString();
    }

    // BertNormalizer's clean_text: U+FFFD and the "other" characters except tab, newline and carriage return — as
    // Hugging Face's tokenizers has it, unassigned code points stay (they become [UNK]).
    private static bool IsRemoved(Rune rune)
    {
        if (rune.Value is '\t' or '\n' or '\r')
        {
            return false;
        }

        return rune.Value == 0xFFFD || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse;
    }

    private static string ReplaceLongWords(string text)
    {
        StringBuilder? output = null;
        var copied = 0;
        var start = -1;
        var characters = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && !IsBoundary(text[i]))
            {
                start = start < 0 ? i : start;
                // Hugging Face counts Unicode scalar values: a surrogate pair is one character.
                characters += char.IsLowSurrogate(text[i]) ? 0 : 1;
                continue;
            }

            if (start >= 0 && characters > MaxCharactersPerWord)
            {
                output ??= new StringBuilder(text.Length);
                output.Append(text, copied, start - copied).Append(UnknownToken);
                copied = i;
            }

            start = -1;
            characters = 0;
        }

        return output is null ? text : output.Append(text, copied, text.Length - copied).ToString();
    }

    // BERT's punctuation: every non-alphanumeric printable ASCII character, and Unicode's P* categories.
    private static bool IsPunctuation(char c) =>
        c is >= '!' and <= '/' or >= ':' and <= '@' or >= '[' and <= '`' or >= '{' and <= '~' || (c > '~' && char.IsPunctuation(c));

    // BERT's "Chinese characters" (the CJK ideograph blocks) inside the Basic Multilingual Plane, which FastBertTokenizer
    // splits out itself (it classifies UTF-16 units) ...
    private static bool IsCjk(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF';

    // ... and those outside it (Extensions B–E and the compatibility supplement), which it would leave inside words.
    // The ranges are Hugging Face tokenizers' (its is_chinese_char), gaps included.
    private static bool IsSupplementaryCjk(Rune rune) =>
        rune.Value is >= 0x20000 and <= 0x2A6DF or >= 0x2A700 and <= 0x2B81F or >= 0x2B920 and <= 0x2CEAF or >= 0x2F800 and <= 0x2FA1F;
}
