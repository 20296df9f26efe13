using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SearchEngine.Embeddings.Packs;

namespace SearchEngine.Embeddings.Pull;

/// <summary>
/// The core of <c>models pull &lt;id&gt;</c>: downloads a known pack's files (<see cref="PackCatalogue"/>) into
/// <c>&lt;packs folder&gt;/&lt;id&gt;</c> with resume and SHA-256 checks (<see cref="ResumableDownload"/>), pins hashes
/// not published in advance, and writes the pack's <c>pack.json</c> last, so a pack folder with a manifest is complete.
/// Without network it fails within the connect timeout with "cannot reach huggingface.co: no network? (…)".
/// </summary>
public sealed class ModelPuller
{
    private readonly ResumableDownload _download;
    private readonly ILogger<ModelPuller> _logger;

    /// <summary>Uses <paramref name="http"/> for downloads (make it with <see cref="CreateHttpClient"/>).</summary>
    public ModelPuller(HttpClient http, ILogger<ModelPuller>? logger = null)
    {
        _download = new ResumableDownload(http);
        _logger = logger ?? NullLogger<ModelPuller>.Instance;
    }

    /// <summary>
    /// An HTTP client that fails fast when the host cannot be reached (<paramref name="connectTimeout"/>, 10 s by default)
    /// but lets a large model file take as long as it needs once connected.
    /// </summary>
    public static HttpClient CreateHttpClient(TimeSpan? connectTimeout = null)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = connectTimeout ?? TimeSpan.FromSeconds(10),
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        };
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Pulls the pack <paramref name="idOrAlias"/> into <paramref name="packsFolder"/>; returns the pack folder.</summary>
    /// <exception cref="ModelPullException">Unknown pack, unreachable host, HTTP error or checksum mismatch.</exception>
    public Task<string> PullAsync(string idOrAlias, string packsFolder, IProgress<PullProgress>? progress = null, CancellationToken cancellationToken = default) =>
        PullAsync(PackCatalogue.Find(idOrAlias), packsFolder, progress, cancellationToken);

    /// <summary>Pulls <paramref name="source"/> into <paramref name="packsFolder"/>; returns the pack folder.</summary>
    public async Task<string> PullAsync(PackSource source, string packsFolder, IProgress<PullProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var folder = Path.Combine(packsFolder, source.Id);
        Directory.CreateDirectory(folder);
        var pins = PinnedHashes.Read(folder);
        foreach (var file in source.Files)
        {
            var expected = file.Sha256 ?? pins.GetValueOrDefault(file.Path);
            var uri = new Uri(source.BaseUri, file.Path);
            _logger.LogInformation("Pulling {Uri} into {Folder}", uri, folder);
            var fileProgress = progress is null ? null : new Progress<long>(bytes => progress.Report(new PullProgress(file.Path, bytes)));
            var hash = await _download.DownloadAsync(uri, Path.Combine(folder, file.Path), expected, fileProgress, cancellationToken);
            if (file.Sha256 is null && !pins.ContainsKey(file.Path))
            {
                _logger.LogInformation("Pinned {File} at sha256 {Hash} (no published hash; verified on later pulls)", file.Path, hash);
            }

            pins[file.Path] = hash;
            PinnedHashes.Write(folder, pins);
        }

        PackManifestFile.Write(source.Manifest(), folder);
        return folder;
    }
}

/// <summary>Progress of a pull: bytes of <paramref name="File"/> on disk so far.</summary>
/// <param name="File">The file's path in the pack.</param>
/// <param name="Bytes">Bytes written, resumed bytes included.</param>
public sealed record PullProgress(string File, long Bytes);
