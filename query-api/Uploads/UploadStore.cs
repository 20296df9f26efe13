using Microsoft.Extensions.Options;
using SearchEngine.Collections;
using SearchEngine.Ingestion.Pipeline;

namespace SearchEngine.QueryApi.Uploads;

/// <summary>
/// The folder uploaded documents are kept in, content-addressed: <c>{root}/{collection id}/{sha[0..2]}/{sha}{ext}</c>.
/// A file is streamed to a temporary file under <c>{root}/.incoming</c> (never held in memory), flushed to disk, hashed
/// as the pipeline hashes, then moved to its address. The same content uploaded again lands on the same path, which
/// the pipeline's skip check then finds already indexed. A file whose document never committed (a crash between the
/// move and the commit) is only a file referenced by nothing.
/// </summary>
internal sealed class UploadStore
{
    private const int BufferSize = 81920;

    public UploadStore(IOptions<UploadOptions> options, IOptions<CollectionIndexOptions> index)
    {
        Root = options.Value.ResolveRoot(index.Value);
        Incoming = Path.Combine(Root, ".incoming");
        try
        {
            // Made now so that the media roots resolve it as it is; a store that cannot be made fails the uploads, not the start.
            Directory.CreateDirectory(Incoming);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // StageAsync tries again and reports it.
        }
    }

    /// <summary>The store's folder (a media root).</summary>
    public string Root { get; }

    private string Incoming { get; }

    /// <summary>
    /// Copies <paramref name="source"/> to a temporary file and hashes it; null (and nothing left behind) when it is
    /// longer than <paramref name="maxBytes"/>, which is noticed while copying, not after.
    /// </summary>
    public async Task<StagedFile?> StageAsync(Stream source, string? fileName, long maxBytes, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Incoming);
        var path = Path.Combine(Incoming, $"{Guid.NewGuid():N}.part");
        try
        {
            long size = 0;
            await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(BufferSize);
                try
                {
                    int read;
                    while ((read = await source.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
                    {
                        size += read;
                        if (size > maxBytes)
                        {
                            target.Close();
                            File.Delete(path);
                            return null;
                        }

                        await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    }
                }
                finally
                {
                    System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                }

                // Acknowledged means durable: the bytes reach the disk before the document that names them commits.
                target.Flush(flushToDisk: true);
            }

            var (sha, _) = await ContentHash.ComputeAsync(path, cancellationToken);
            return new StagedFile(path, sha, size, ExtensionOf(fileName));
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Writes <paramref name="text"/> as a UTF-8 .txt file and stages it (a text document sent as JSON).</summary>
    public async Task<StagedFile> StageTextAsync(string text, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
        return (await StageAsync(stream, "document.txt", long.MaxValue, cancellationToken))!;
    }

    /// <summary>
    /// Moves <paramref name="file"/> to its content address in collection <paramref name="collectionId"/> and returns
    /// that path (the document's uri). When the address already holds the content it is left as it is (its modification
    /// time is what the media route checks), and the temporary file is deleted.
    /// </summary>
    public string Keep(StagedFile file, long collectionId)
    {
        ArgumentNullException.ThrowIfNull(file);
        var sha = file.Sha256;
        var folder = Path.Combine(Root, collectionId.ToString(System.Globalization.CultureInfo.InvariantCulture), sha[..2]);
        var target = Path.Combine(folder, sha + file.Extension);
        Directory.CreateDirectory(folder);
        if (!File.Exists(target))
        {
            try
            {
                File.Move(file.TemporaryPath, target, overwrite: false);
            }
            catch (IOException) when (File.Exists(target))
            {
                // The same content arrived in another request at the same moment; its copy is the one kept.
            }
        }

        file.Dispose();
        return target;
    }

    /// <summary>
    /// Deletes the kept file at <paramref name="path"/> of a document that could not be decoded (the same bytes never
    /// will be), so the store holds no file for it; files of documents that failed for other reasons stay for a retry.
    /// </summary>
    public static void Discard(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file referenced by nothing: harmless.
        }
    }

    /// <summary>The client's extension when it is a plain one (a dot and 1-10 letters or digits), lower-cased; else none.</summary>
    private static string ExtensionOf(string? fileName)
    {
        var extension = Path.GetExtension(Path.GetFileName(fileName ?? ""));
        return extension.Length is >= 2 and <= 11 && extension.AsSpan(1).ContainsAnyExcept(AsciiLettersAndDigits) == false
            ? extension.ToLowerInvariant()
            : "";
    }

    private static readonly System.Buffers.SearchValues<char> AsciiLettersAndDigits =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
}
