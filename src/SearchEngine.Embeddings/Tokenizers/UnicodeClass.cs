using System.Globalization;
using System.Text;

namespace SearchEngine.Embeddings.Tokenizers;

/// <summary>
/// The character classes the BPE pre-tokenizer patterns are written in (<c>\p{L}</c>, <c>\p{N}</c>, <c>\s</c>, anything
/// else), read per code point so that letters outside the Basic Multilingual Plane count as letters.
/// </summary>
internal enum UnicodeClass
{
    Letter,
    Number,
    Whitespace,
    Other,
}

/// <summary>Classifies the code point at a position of UTF-16 text.</summary>
internal static class UnicodeClassifier
{
    /// <summary>The class of the code point at <paramref name="index"/>; <paramref name="width"/> is its UTF-16 length.</summary>
    public static UnicodeClass At(ReadOnlySpan<char> text, int index, out int width)
    {
        if (Rune.DecodeFromUtf16(text[index..], out var rune, out width) != System.Buffers.OperationStatus.Done)
        {
            width = 1;
            return UnicodeClass.Other;
        }

        if (Rune.IsWhiteSpace(rune))
        {
            return UnicodeClass.Whitespace;
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => UnicodeClass.Letter,
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => UnicodeClass.Number,
            _ => UnicodeClass.Other,
        };
    }

    /// <summary>The end of the run of code points of class <paramref name="kind"/> that starts at <paramref name="start"/>.</summary>
    public static int EndOfRun(ReadOnlySpan<char> text, int start, UnicodeClass kind)
    {
        var i = start;
        while (i < text.Length && At(text, i, out var width) == kind)
        {
            i += width;
        }

        return i;
    }
}
