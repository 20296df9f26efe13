using System.Text.Json;

namespace SearchEngine.Embeddings.Tokenizers;

/// <summary>Reads the Hugging Face files of a byte-level BPE tokenizer: <c>vocab.json</c> and <c>merges.txt</c>.</summary>
public static class BpeFiles
{
    /// <summary>Reads <c>vocab.json</c> (a JSON object of token → id).</summary>
    /// <exception cref="InvalidDataException">The file is not such an object.</exception>
    public static Dictionary<string, int> ReadVocabulary(string path)
    {
        using var stream = File.OpenRead(path);
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, int>>(stream)
                ?? throw new InvalidDataException($"'{path}' is empty; expected a JSON object of token → id.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not a BPE vocabulary (a JSON object of token → id): {e.Message}", e);
        }
    }

    /// <summary>
    /// Reads merges in rank order from <c>merges.txt</c>: one "left right" pair a line, after an optional
    /// <c>#version</c> header; blank lines are skipped.
    /// </summary>
    public static List<(string Left, string Right)> ReadMerges(string path) => ParseMerges(File.ReadLines(path), path);

    /// <summary>Parses merge lines (see <see cref="ReadMerges"/>); <paramref name="source"/> names them in errors.</summary>
    public static List<(string Left, string Right)> ParseMerges(IEnumerable<string> lines, string source)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var merges = new List<(string, string)>();
        var lineNumber = 0;
        foreach (var line in lines)
        {
            lineNumber++;
            if (line.Length == 0 || (lineNumber == 1 && line.StartsWith("#version", StringComparison.Ordinal)))
            {
                continue;
            }

            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0 || space == line.Length - 1 || line.IndexOf(' ', space + 1) >= 0)
            {
                throw new InvalidDataException($"{source}:{lineNumber}: expected a merge 'left right', found '{line}'.");
            }

            merges.Add((line[..space], line[(space + 1)..]));
        }

        return merges;
    }
}
