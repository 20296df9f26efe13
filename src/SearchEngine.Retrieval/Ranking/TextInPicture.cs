using System.Text.Json;
using SearchEngine.Collections.Lexical;
using SearchEngine.Storage.Enrichment;

namespace SearchEngine.Retrieval.Ranking;

/// <summary>
/// Why a result matched a text query by the text read in it: the text, where in a video it was read, and its words
/// with their boxes in the picture as read (<paramref name="Width"/> × <paramref name="Height"/> pixels), the words of
/// the query marked, so a page can outline them over the picture.
/// </summary>
/// <param name="Text">The text read, lines joined by line breaks.</param>
/// <param name="Time">A video frame's time in seconds; null for a picture.</param>
/// <param name="Width">Width of the picture the boxes are measured in; null when unknown.</param>
/// <param name="Height">Height of that picture; null when unknown.</param>
/// <param name="Words">Each word read, with its box and whether it holds a term of the query.</param>
public sealed record TextInPicture(string Text, double? Time, int? Width, int? Height, IReadOnlyList<PictureWord> Words)
{
    /// <summary>
    /// The match of <paramref name="stored"/> against <paramref name="queryTerms"/>, terms of <paramref name="lexical"/>'s
    /// vocabulary; metadata that is not the shape the enrichment pass writes gives no words rather than an error.
    /// </summary>
    public static TextInPicture From(StoredText stored, LexicalIndex lexical, ReadOnlySpan<int> queryTerms)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(lexical);
        var words = new List<PictureWord>();
        int? width = null, height = null;
        if (stored.Metadata is { ValueKind: JsonValueKind.Object } metadata)
        {
            width = metadata.TryGetProperty("width", out var w) && w.TryGetInt32(out var wv) ? wv : null;
            height = metadata.TryGetProperty("height", out var h) && h.TryGetInt32(out var hv) ? hv : null;
            if (metadata.TryGetProperty("words", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                Span<int> wordTerms = stackalloc int[LexicalIndex.MaxQueryTerms];
                foreach (var word in list.EnumerateArray())
                {
                    if (word.ValueKind != JsonValueKind.Object || !word.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String
                        || !word.TryGetProperty("box", out var box) || box.ValueKind != JsonValueKind.Array || box.GetArrayLength() != 4)
                    {
                        continue;
                    }

                    var value = text.GetString()!;
                    var count = lexical.QueryTerms(value, wordTerms);
                    var matched = false;
                    foreach (var term in wordTerms[..count])
                    {
                        matched |= queryTerms.Contains(term);
                    }

                    var confidence = word.TryGetProperty("confidence", out var c) && c.TryGetDouble(out var cv) ? cv : 0;
                    words.Add(new PictureWord(value, box[0].GetInt32(), box[1].GetInt32(), box[2].GetInt32(), box[3].GetInt32(), confidence, matched));
                }
            }
        }

        return new TextInPicture(stored.Text, stored.Time, width, height, words);
    }

    /// <summary>The sentence a result shows for it: <c>text in picture: 'EXIT 42'</c> (the matched line, or the start of the text).</summary>
    public string Explanation
    {
        get
        {
            var lines = Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var matchedWords = Words.Where(w => w.Matched).Select(w => w.Text).ToHashSet(StringComparer.Ordinal);
            var line = lines.FirstOrDefault(l => l.Split(' ').Any(matchedWords.Contains)) ?? lines.FirstOrDefault() ?? Text;
            const int MaxLength = 80;
            if (line.Length > MaxLength)
            {
                line = line[..(MaxLength - 1)] + "…";
            }

            return Time is double time
                ? FormattableString.Invariant($"text in frame at {time:0.#} s: '{line}'")
                : $"text in picture: '{line}'";
        }
    }
}

/// <summary>One word read in a picture.</summary>
/// <param name="Text">The word.</param>
/// <param name="X">Left edge of its box, in the picture's pixels.</param>
/// <param name="Y">Top edge.</param>
/// <param name="Width">Box width.</param>
/// <param name="Height">Box height.</param>
/// <param name="Confidence">The OCR engine's confidence, 0–100.</param>
/// <param name="Matched">Whether it holds a term of the query.</param>
public sealed record PictureWord(string Text, int X, int Y, int Width, int Height, double Confidence, bool Matched);
