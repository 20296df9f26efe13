using System.Text;
using System.Text.Json;
using SearchEngine.Embeddings.Tokenizers;

namespace SearchEngine.Testing.Packs;

/// <summary>
/// A small RoBERTa-format vocab.json/merges.txt written to a temporary folder: the four special tokens (ids 0–3), the 256
/// byte symbols (ids 4–259, in code-point order), ten merges (ids 260–269) and <|endoftext|> (270).
/// </summary>
public sealed class TinyRobertaFiles : IDisposable
{
    public static readonly string[] Merges =
        ["h e", "Ġ c", "Ġc a", "Ġca t", "a t", "Ġ h", "Ġh at", "T he", "' s", "Ġ s"];

    public TinyRobertaFiles()
    {
        Folder = Directory.CreateTempSubdirectory("roberta-").FullName;
        var vocabulary = new Dictionary<string, int> { ["<s>"] = 0, ["<pad>"] = 1, ["</s>"] = 2, ["<unk>"] = 3 };
        foreach (var symbol in ByteLevelAlphabet.VocabularyOrder)
        {
            vocabulary.Add(symbol.ToString(), vocabulary.Count);
        }

        foreach (var merge in Merges)
        {
            vocabulary.Add(merge.Replace(" ", "", StringComparison.Ordinal), vocabulary.Count);
        }

        // Microsoft.ML.Tokenizers' GPT-2 tokenizer (the independent cross-check) refuses a vocabulary without GPT-2's
        // <|endoftext|>; RoBERTa's real vocabulary has no such entry, and the tokenizer under test never uses it.
        vocabulary.Add("<|endoftext|>", vocabulary.Count);
        File.WriteAllText(VocabularyPath, JsonSerializer.Serialize(vocabulary), Encoding.UTF8);
        File.WriteAllText(MergesPath, "#version: 0.2\n" + string.Join('\n', Merges) + "\n", Encoding.UTF8);
    }

    public string Folder { get; }

    public string VocabularyPath => Path.Combine(Folder, "vocab.json");

    public string MergesPath => Path.Combine(Folder, "merges.txt");

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
