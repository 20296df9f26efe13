using System.Security.Cryptography;

namespace SearchEngine.Ingestion.Pipeline;

/// <summary>
/// SHA-256 of a file's bytes, the key that decides skip or re-index; public so that the query API's upload store names
/// uploaded files by the same hash the pipeline checks them by.
/// </summary>
public static class ContentHash
{
    private const int BufferSize = 1 << 20;

    /// <summary>The lower-case hex SHA-256 and the size of the file at <paramref name="path"/>.</summary>
    public static async Task<(string Sha256, long Size)> ComputeAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan | FileOptions.Asynchronous);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        return (Convert.ToHexStringLower(hash), stream.Length);
    }
}
