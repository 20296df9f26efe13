using System.Globalization;
using System.Text.RegularExpressions;

namespace SearchEngine.Media.Text;

/// <summary>
/// Parses SRT (and the same cue layout in WebVTT): blocks of an optional number, a timing line and text lines. Cues
/// without text, or ending before they start, are left out.
/// </summary>
internal static partial class SubtitleParser
{
    public static IReadOnlyList<TextCue> Parse(string text)
    {
        var cues = new List<TextCue>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var timing = Timing().Match(lines[i]);
            if (!timing.Success)
            {
                continue;
            }

            var body = new List<string>();
            for (i++; i < lines.Length && lines[i].Trim().Length > 0; i++)
            {
                body.Add(Markup().Replace(lines[i].Trim(), string.Empty));
            }

            // A cue that ends before it starts is a typo in one line; it is dropped, not allowed to fail the whole file.
            var joined = string.Join(' ', body).Trim();
            var (start, end) = (Seconds(timing, "s"), Seconds(timing, "e"));
            if (joined.Length > 0 && end >= start)
            {
                cues.Add(new TextCue(start, end, joined));
            }
        }

        return cues;
    }

    private static double Seconds(Match m, string prefix)
    {
        var hours = m.Groups[prefix + "h"].Success ? int.Parse(m.Groups[prefix + "h"].ValueSpan, CultureInfo.InvariantCulture) : 0;
        return (hours * 3600) + (int.Parse(m.Groups[prefix + "m"].ValueSpan, CultureInfo.InvariantCulture) * 60)
            + int.Parse(m.Groups[prefix + "s"].ValueSpan, CultureInfo.InvariantCulture)
            + (int.Parse(m.Groups[prefix + "f"].ValueSpan, CultureInfo.InvariantCulture) / 1000.0);
    }

    [GeneratedRegex(@"^\s*(?:(?<sh>\d+):)?(?<sm>\d{1,2}):(?<ss>\d{2})[,.](?<sf>\d{3})\s*-->\s*(?:(?<eh>\d+):)?(?<em>\d{1,2}):(?<es>\d{2})[,.](?<ef>\d{3})")]
    private static partial Regex Timing();

    [GeneratedRegex(@"<[^>]+>|\{\\[^}]*\}")]
    private static partial Regex Markup();
}
