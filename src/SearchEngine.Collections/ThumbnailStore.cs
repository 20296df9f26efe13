using Microsoft.Extensions.Options;

namespace SearchEngine.Collections;

/// <summary>
/// Result-page thumbnails (JPEG), stored in a folder and addressed by the content sha256 of the document they show
/// (<c>ab/abcdef….jpg</c>). Content addressing lets the indexer write a thumbnail before its document commits, so an
/// acknowledged document never lacks one, and identical files share one. The query API finds a document's thumbnail
/// through its <c>content_sha256</c>.
/// </summary>
public sealed class ThumbnailStore(IOptions<CollectionIndexOptions> options)
{
    private readonly string _folder = options.Value.ResolveThumbnailFolder();

    /// <summary>The folder holding the thumbnails.</summary>
    public string Folder => _folder;

    /// <summary>Where the thumbnail of content <paramref name="contentSha256"/> is (or would be) stored.</summary>
    public string PathOf(string contentSha256)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contentSha256);
        if (contentSha256.Length != 64 || !contentSha256.All(char.IsAsciiHexDigit))
        {
            throw new ArgumentException($"'{contentSha256}' is not a sha256 (64 hex digits).", nameof(contentSha256));
        }

        var sha = contentSha256.ToLowerInvariant();
        return Path.Combine(_folder, sha[..2], sha + ".jpg");
    }

    /// <summary>Whether a thumbnail of content <paramref name="contentSha256"/> exists.</summary>
    public bool Exists(string contentSha256) => File.Exists(PathOf(contentSha256));

    /// <summary>Stores <paramref name="jpeg"/> as the thumbnail of <paramref name="contentSha256"/> (atomically: temporary file, then rename).</summary>
    public async Task SaveAsync(string contentSha256, ReadOnlyMemory<byte> jpeg, CancellationToken cancellationToken = default)
    {
        var path = PathOf(contentSha256);
        if (File.Exists(path))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temporary, jpeg, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Opens the thumbnail of <paramref name="contentSha256"/> for reading, or returns null when there is none.</summary>
    public Stream? OpenRead(string contentSha256)
    {
        try
        {
            return new FileStream(PathOf(contentSha256), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 4096, useAsync: true);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
