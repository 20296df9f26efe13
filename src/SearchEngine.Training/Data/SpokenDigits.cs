using SearchEngine.Core;

namespace SearchEngine.Training.Data;

/// <summary>One Free Spoken Digit Dataset recording.</summary>
/// <param name="RelativePath">Path relative to the shared folder.</param>
/// <param name="Digit">The spoken digit, 0–9.</param>
/// <param name="Speaker">The speaker's name.</param>
/// <param name="Split">"train" or "test", as the dataset's README defines it.</param>
public sealed record SpokenDigit(string RelativePath, int Digit, string Speaker, string Split);

/// <summary>The Free Spoken Digit Dataset in the shared folder; only its train split is used for training.</summary>
public static class SpokenDigits
{
    /// <summary>The dataset folder relative to the shared folder.</summary>
    public const string Folder = "datasets/fsdd";

    /// <summary>Reads <c>labels.tsv</c> and returns the recordings of <paramref name="split"/>.</summary>
    public static IReadOnlyList<SpokenDigit> Load(SharedData shared, string split)
    {
        ArgumentNullException.ThrowIfNull(shared);
        var table = TsvTable.Read(shared.Require($"{Folder}/labels.tsv"));
        int file = table.Column("file"), digit = table.Column("digit"), speaker = table.Column("speaker"), splitColumn = table.Column("split");
        return table.Rows
            .Where(r => r[splitColumn] == split)
            .Select(r => new SpokenDigit($"{Folder}/{r[file]}", int.Parse(r[digit]), r[speaker], r[splitColumn]))
            .ToList();
    }
}
