using System.Text.Json;
using SearchEngine.Core;

namespace SearchEngine.Training.Data;

/// <summary>
/// Captions for YAMNet's 521 AudioSet classes: "the sound of {display name}" and the ontology's description. A clip's
/// top YAMNet prediction turns into extra captions for it, teaching the text head AudioSet's wider vocabulary.
/// </summary>
public sealed class AudioSetCaptions
{
    /// <summary>YAMNet's class map relative to the shared folder.</summary>
    public const string ClassMapPath = "models/yamnet/yamnet_class_map.csv";

    /// <summary>The AudioSet ontology relative to the shared folder.</summary>
    public const string OntologyPath = "models/yamnet/audioset_ontology.json";

    private readonly IReadOnlyList<IReadOnlyList<string>> captions;

    private AudioSetCaptions(IReadOnlyList<string> names, IReadOnlyList<IReadOnlyList<string>> captions)
    {
        Names = names;
        this.captions = captions;
    }

    /// <summary>YAMNet's display names in class index order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Reads the class map and the ontology.</summary>
    public static AudioSetCaptions Load(SharedData shared)
    {
        ArgumentNullException.ThrowIfNull(shared);
        var descriptions = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var ontology = JsonDocument.Parse(File.ReadAllBytes(shared.Require(OntologyPath))))
        {
            foreach (var entry in ontology.RootElement.EnumerateArray())
            {
                descriptions[entry.GetProperty("id").GetString()!] = entry.GetProperty("description").GetString() ?? "";
            }
        }

        var names = new List<string>();
        var captions = new List<IReadOnlyList<string>>();
        foreach (var line in File.ReadLines(shared.Require(ClassMapPath)).Skip(1))
        {
            var (mid, name) = ParseClassMapLine(line.TrimEnd('\r'));
            names.Add(name);
            var list = new List<string> { $"the sound of {name.ToLowerInvariant()}" };
            if (descriptions.TryGetValue(mid, out var description) && description.Length > 0)
            {
                list.Add(description);
            }

            captions.Add(list);
        }

        if (names.Count != 521)
        {
            throw new InvalidDataException($"'{ClassMapPath}' has {names.Count} classes; YAMNet has 521.");
        }

        return new AudioSetCaptions(names, captions);
    }

    /// <summary>The captions of class <paramref name="index"/>.</summary>
    public IReadOnlyList<string> For(int index) => captions[index];

    // Rows are "index,mid,display_name" where the name may be quoted because it holds commas.
    private static (string Mid, string Name) ParseClassMapLine(string line)
    {
        var first = line.IndexOf(',', StringComparison.Ordinal);
        var second = line.IndexOf(',', first + 1);
        var name = line[(second + 1)..];
        if (name.Length >= 2 && name[0] == '"' && name[^1] == '"')
        {
            name = name[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
        }

        return (line[(first + 1)..second], name);
    }
}
