using SearchEngine.Core;

namespace SearchEngine.Foundation.Tests;

public sealed class SharedDataTests
{
    [Fact]
    public void A_missing_shared_file_is_reported_by_name_with_the_setting_to_fix_it()
    {
        var shared = new SharedData(Path.Combine(Path.GetTempPath(), "no-such-shared-folder"));
        var error = Assert.Throws<FileNotFoundException>(() => shared.Require("models/yamnet/yamnet.onnx"));
        Assert.Contains("models/yamnet/yamnet.onnx", error.Message, StringComparison.Ordinal);
        Assert.Contains(SharedData.EnvironmentVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_shared_folder_is_beside_the_repository_unless_configured()
    {
        var configured = Environment.GetEnvironmentVariable(SharedData.EnvironmentVariable);
        var expected = string.IsNullOrWhiteSpace(configured)
            ? Path.GetFullPath(Path.Combine(Repository.Root, "..", "shared"))
            : Path.GetFullPath(configured);
        Assert.Equal(expected, SharedData.Default.Root);
    }

    [Fact]
    public void The_shared_folder_holds_the_backbones_and_datasets()
    {
        foreach (var file in new[] { "README.md", "models/mobilenetv2/mobilenetv2-12-int8-features.onnx", "models/yamnet/yamnet.onnx", "datasets/flickr8k/captions.tsv" })
        {
            Assert.True(File.Exists(SharedData.Default.Require(file)));
        }
    }

    [Fact]
    public void No_shared_model_or_dataset_file_is_copied_into_the_repository()
    {
        var tracked = Directory.EnumerateFiles(Repository.Root, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !f.Contains($"{Path.DirectorySeparatorChar}artifacts{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !f.Contains($"{Path.DirectorySeparatorChar}.git{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !f.Contains("node_modules", StringComparison.Ordinal));
        var offenders = tracked.Where(f => Path.GetExtension(f) is ".onnx" or ".tflite" or ".opus" or ".flac").ToList();
        Assert.Empty(offenders);
    }
}
