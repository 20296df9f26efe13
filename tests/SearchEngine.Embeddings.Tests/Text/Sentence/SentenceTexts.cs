using System.Text.Json;
using SearchEngine.Testing;

namespace SearchEngine.Embeddings.Tests.Text.Sentence;

/// <summary>Texts the sentence-encoder tests run on: Flickr8k train captions and Hugging Face's reference token ids.</summary>
internal static class SentenceTexts
{
    /// <summary>The reference texts and their ids (huggingface-token-ids.jsonl; see make-huggingface-token-ids.js).</summary>
    public static readonly Lazy<IReadOnlyList<(string Text, long[] Ids)>> HuggingFace = new(LoadReference);

    /// <summary>The captions of the first images of the train split, five per image, in file order.</summary>
    public static List<string> TrainCaptions(int images)
    {
        var names = File.ReadLines(SharedFiles.Require("datasets/flickr8k/splits/train.txt")).Take(images).ToHashSet(StringComparer.Ordinal);
        return File.ReadLines(SharedFiles.Require("datasets/flickr8k/captions.tsv")).Skip(1)
            .Select(line => line.Split('\t'))
            .Where(fields => names.Contains(fields[0]))
            .Select(fields => fields[2])
            .ToList();
    }

    private static List<(string, long[])> LoadReference()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Text", "Sentence", "huggingface-token-ids.jsonl");
        return File.ReadLines(path)
            .Where(line => line.Length > 0)
            .Select(line =>
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                return (root.GetProperty("text").GetString()!, root.GetProperty("ids").EnumerateArray().Select(id => id.GetInt64()).ToArray());
            })
            .ToList();
    }
}
