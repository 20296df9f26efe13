using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace SearchEngine.Embeddings.Text.Sentence;

/// <summary>
/// BERT uncased's accent stripping — canonical decomposition (NFD), then drop the non-spacing marks — without ICU.
/// The project runs with <c>InvariantGlobalization</c>, where <see cref="string.Normalize(NormalizationForm)"/> leaves
/// non-ASCII text as it is, so the tokenizer library would see "café" instead of "cafe" and give [UNK]. The
/// decompositions come from <c>AccentFolding.tsv</c> (generated once from ICU, see its header); the marks are found
/// with <see cref="Rune.GetUnicodeCategory"/>, whose data .NET carries itself; Hangul syllables decompose by rule.
/// </summary>
internal static class AccentFolding
{
    private const int HangulFirst = 0xAC00;
    private const int HangulLast = 0xD7A3;
    private const int LeadingBase = 0x1100;
    private const int VowelBase = 0x1161;
    private const int TrailingBase = 0x11A7;
    private const int TrailingCount = 28;
    private const int VowelTrailingCount = 21 * TrailingCount;

    private static readonly Lazy<FrozenDictionary<int, string>> Table = new(Load);

    /// <summary>Appends <paramref name="rune"/> as BERT's normalizer leaves it: nothing for a mark, its base letters otherwise.</summary>
    public static void Append(Rune rune, StringBuilder output)
    {
        var value = rune.Value;
        if (value < 0x80)
        {
            output.Append((char)value);
        }
        else if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.NonSpacingMark)
        {
            // Dropped: this is what stripping accents means.
        }
        else if (value is >= HangulFirst and <= HangulLast)
        {
            var index = value - HangulFirst;
            output.Append((char)(LeadingBase + index / VowelTrailingCount));
            output.Append((char)(VowelBase + index % VowelTrailingCount / TrailingCount));
            if (index % TrailingCount != 0)
            {
                output.Append((char)(TrailingBase + index % TrailingCount));
            }
        }
        else if (Table.Value.TryGetValue(value, out var folded))
        {
            output.Append(folded);
        }
        else
        {
            output.Append(rune.ToString());
        }
    }

    /// <summary>Whether <paramref name="rune"/> changes when folded (a mark, a precomposed letter, a Hangul syllable).</summary>
    public static bool Changes(Rune rune) =>
        rune.Value >= 0x80
        && (Rune.GetUnicodeCategory(rune) == UnicodeCategory.NonSpacingMark
            || rune.Value is >= HangulFirst and <= HangulLast
            || Table.Value.ContainsKey(rune.Value));

    private static FrozenDictionary<int, string> Load()
    {
        const string resource = "SearchEngine.Embeddings.Text.Sentence.AccentFolding.tsv";
        using var stream = typeof(AccentFolding).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded resource {resource} is missing from {typeof(AccentFolding).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        var table = new Dictionary<int, string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            var folded = new StringBuilder();
            foreach (var hex in line[(tab + 1)..].Split(' '))
            {
                folded.Append(char.ConvertFromUtf32(int.Parse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)));
            }

            table[int.Parse(line.AsSpan(0, tab), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)] = folded.ToString();
        }

        return table.ToFrozenDictionary();
    }
}
