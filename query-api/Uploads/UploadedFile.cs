namespace SearchEngine.QueryApi.Uploads;

/// <summary>
/// An uploaded query file copied to a temporary file (decoders and ffmpeg read files), deleted on dispose. The copy
/// streams, so an upload never sits in memory whole.
/// </summary>
public sealed class UploadedFile : IAsyncDisposable
{
    private UploadedFile(string path, string name)
    {
        Path = path;
        Name = name;
    }

    /// <summary>The temporary file's path.</summary>
    public string Path { get; }

    /// <summary>The client's file name (for messages only; never used as a path).</summary>
    public string Name { get; }

    /// <summary>Copies <paramref name="file"/> to a temporary file.</summary>
    public static async Task<UploadedFile> SaveAsync(IFormFile file, CancellationToken cancellationToken)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"searchengine-upload-{Guid.NewGuid():N}");
        await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
        {
            await file.CopyToAsync(target, cancellationToken);
        }

        var name = System.IO.Path.GetFileName(file.FileName);
        return new UploadedFile(path, string.IsNullOrWhiteSpace(name) ? "upload" : name);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        File.Delete(Path);
        return ValueTask.CompletedTask;
    }
}
