using System.Runtime.CompilerServices;
using System.Text;

namespace SearchEngine.Ingestion.Sources;

/// <summary>
/// Reads delimited records: CSV as RFC 4180 (quoted fields may hold delimiters, quotes and line breaks) or TSV as
/// plain tab-separated lines (quotes are ordinary characters, as Flickr-style TSV files use them).
/// </summary>
internal static class DelimitedRecords
{
    /// <summary>Records of <paramref name="reader"/> with the line each starts on (1-based).</summary>
    public static async IAsyncEnumerable<(int Line, string[] Fields)> ReadAsync(
        TextReader reader, char delimiter, bool quoted, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } text)
        {
            line++;
            var startLine = line;
            if (text.Length == 0)
            {
                continue;
            }

            if (!quoted)
            {
                yield return (startLine, text.Split(delimiter));
                continue;
            }

            fields.Clear();
            field.Clear();
            var inQuotes = false;
            while (true)
            {
                for (var i = 0; i < text.Length; i++)
                {
                    var c = text[i];
                    if (inQuotes)
                    {
                        if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i++;
                        }
                        else if (c == '"')
                        {
                            inQuotes = false;
                        }
                        else
                        {
                            field.Append(c);
                        }
                    }
                    else if (c == '"' && field.Length == 0)
                    {
                        inQuotes = true;
                    }
                    else if (c == delimiter)
                    {
                        fields.Add(field.ToString());
                        field.Clear();
                    }
                    else
                    {
                        field.Append(c);
                    }
                }

                if (!inQuotes)
                {
                    break;
                }

                // A quoted field runs on over a line break.
                var next = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
                if (next is null)
                {
                    break;
                }

                line++;
                field.Append('\n');
                text = next;
            }

            fields.Add(field.ToString());
            yield return (startLine, fields.ToArray());
        }
    }
}
