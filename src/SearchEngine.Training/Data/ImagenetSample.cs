using SearchEngine.Core;

namespace SearchEngine.Training.Data;

/// <summary>One photo of the ImageNet sample: its path (relative to the shared folder) and its ImageNet-1k class.</summary>
public sealed record ImagenetPhoto(string RelativePath, int ClassIndex, string ClassName);

/// <summary>
/// The ImageNet sample (<c>datasets/imagenet-sample</c>): 500 photos, one per even ImageNet-1k class. Evaluation only:
/// nothing in training or model selection reads it.
/// </summary>
public static class ImagenetSample
{
    /// <summary>The dataset's folder in the shared data.</summary>
    public const string Folder = "datasets/imagenet-sample";

    /// <summary>Reads <c>labels.tsv</c>.</summary>
    public static IReadOnlyList<ImagenetPhoto> Load(SharedData shared)
    {
        ArgumentNullException.ThrowIfNull(shared);
        var table = TsvTable.Read(shared.Require($"{Folder}/labels.tsv"));
        int file = table.Column("file"), index = table.Column("class_index"), name = table.Column("class_name");
        return [.. table.Rows.Select(r => new ImagenetPhoto($"{Folder}/{r[file]}", int.Parse(r[index], System.Globalization.CultureInfo.InvariantCulture), r[name]))];
    }
}
