using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace SearchEngine.Embeddings.Pull;

/// <summary>
/// Downloads one file safely: into <c>&lt;destination&gt;.part</c>, resuming an earlier partial download with an HTTP
/// <c>Range</c> request (starting over when the server ignores it), then verifying SHA-256 and renaming into place
/// atomically, so a half-written or corrupted file never appears under its real name.
/// </summary>
public sealed class ResumableDownload
{
    private readonly HttpClient _http;

    /// <summary>Uses <paramref name="http"/> (see <see cref="ModelPuller.CreateHttpClient"/> for fail-fast settings).</summary>
    public ResumableDownload(HttpClient http) => _http = http ?? throw new ArgumentNullException(nameof(http));

    /// <summary>The suffix of partial downloads.</summary>
    public const string PartSuffix = ".part";

    /// <summary>
    /// Makes <paramref name="destination"/> hold the file at <paramref name="source"/> and returns its SHA-256 (lower-case
    /// hex). An existing destination whose hash matches <paramref name="expectedSha256"/> is kept without a request.
    /// </summary>
    /// <exception cref="ModelPullException">The host is unreachable, the server answers with an error, or the hash differs.</exception>
    public async Task<string> DownloadAsync(Uri source, string destination, string? expectedSha256, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (File.Exists(destination))
        {
            var existing = await HashAsync(destination, cancellationToken);
            if (expectedSha256 is null || existing == expectedSha256)
            {
                return existing;
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);
        var part = destination + PartSuffix;
        await FetchAsync(source, part, progress, cancellationToken);

        var actual = await HashAsync(part, cancellationToken);
        if (expectedSha256 is not null && actual != expectedSha256)
        {
            File.Delete(part);
            throw new ModelPullException(
                $"sha256 mismatch for {source}: expected {expectedSha256}, got {actual}. The download was discarded; run the pull again, and if it repeats the file upstream has changed.");
        }

        File.Move(part, destination, overwrite: true);
        return actual;
    }

    private async Task FetchAsync(Uri source, string part, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var offset = File.Exists(part) ? new FileInfo(part).Length : 0;
        using var request = new HttpRequestMessage(HttpMethod.Get, source);
        if (offset > 0)
        {
            request.Headers.Range = new RangeHeaderValue(offset, null);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception e) when (IsUnreachable(e, cancellationToken))
        {
            throw new ModelPullException($"cannot reach {source.Host}: no network? ({Describe(e)})", e);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && offset > 0)
            {
                // The partial file is already complete (or longer than the file): let the hash decide.
                return;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new ModelPullException($"{source} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            // 206 continues the partial file; a 200 means the server sent the whole file, so start over.
            var append = response.StatusCode == HttpStatusCode.PartialContent && offset > 0;
            var written = append ? offset : 0;
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            await using var file = new FileStream(part, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                written += read;
                progress?.Report(written);
            }
        }
    }

    private static bool IsUnreachable(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException || (e is TaskCanceledException or OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private static string Describe(Exception e)
    {
        var socket = e.InnerException as SocketException ?? e.InnerException?.InnerException as SocketException;
        return socket is not null ? $"{socket.SocketErrorCode}: {e.Message}" : e.Message;
    }

    private static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
