using System.Text;

namespace SearchEngine.Media.Text;

/// <summary>
/// The words of a subtitle track as one text, for full-text search: the cues' lines in order, joined by newlines and
/// cut at a line (or, for one huge line, a space) so that it stays under a length. The cues themselves keep their
/// times as caption segments; this is what BM25 reads.
/// </summary>
public static class Transcript
{
    /// <summary>The length <see cref="Of"/> keeps by default: about an hour of dialogue.</summary>
    public const int DefaultMaxChars = 32 * 1024;

    /// <summary>The cues' text in order, at most <paramref name="maxChars"/> characters; null when there are no cues.</summary>
    public static string? Of(IReadOnlyList<TextCue> cues, int maxChars = DefaultMaxChars)
    {
        ArgumentNullException.ThrowIfNull(cues);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, 1);
        var text = new StringBuilder();
        foreach (var cue in cues)
        {
            var separator = text.Length > 0 ? 1 : 0;
            if (text.Length + separator + cue.Text.Length > maxChars)
            {
                var room = maxChars - text.Length - separator;
                var cut = room > 0 ? cue.Text.LastIndexOf(' ', room - 1) : -1;
                if (cut > 0)
                {
                    text.Append('\n', separator).Append(cue.Text, 0, cut);
                }

                break;
            }

            text.Append('\n', separator).Append(cue.Text);
        }

        return text.Length > 0 ? text.ToString() : null;
    }
}
