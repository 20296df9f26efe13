using Microsoft.Extensions.Logging.Abstractions;
using SearchEngine.Core;
using SearchEngine.Training.Features;

namespace SearchEngine.Training.Tests;

public sealed class FeatureExtractionTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("extraction-").FullName;

    [Fact]
    public async Task A_corrupt_file_is_left_out_and_the_rest_is_extracted()
    {
        var files = WriteFiles(40);
        var cache = FeatureCache.Open(Path.Combine(_root, "features.f16"), 2);
        var extraction = new FeatureExtraction(new SharedData(_root), 2, NullLogger.Instance);

        var failed = await extraction.EnsureAsync("clips", files, [cache],
            (path, _) => path.EndsWith("clip7.wav", StringComparison.Ordinal)
                ? Task.FromException<FeatureMatrix[]>(new InvalidDataException("not audio"))
                : Task.FromResult<FeatureMatrix[]>([new FeatureMatrix(1, 2, [1, 2])]),
            CancellationToken.None);

        Assert.Equal(["clip7.wav"], failed);
        Assert.Equal(39, cache.Count);
    }

    [Fact]
    public async Task When_most_files_fail_extraction_stops_and_names_the_first_failure()
    {
        var files = WriteFiles(40);
        var cache = FeatureCache.Open(Path.Combine(_root, "features.f16"), 2);
        var extraction = new FeatureExtraction(new SharedData(_root), 2, NullLogger.Instance);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => extraction.EnsureAsync("clips", files, [cache],
            (_, _) => Task.FromException<FeatureMatrix[]>(new InvalidOperationException("ffmpeg was not found")),
            CancellationToken.None));

        Assert.Contains("40 of 40 files failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("ffmpeg was not found", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string[] WriteFiles(int count)
    {
        var files = Enumerable.Range(0, count).Select(i => $"clip{i}.wav").ToArray();
        foreach (var file in files)
        {
            File.WriteAllBytes(Path.Combine(_root, file), [0]);
        }

        return files;
    }
}
