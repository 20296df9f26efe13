using System.Security.Cryptography;
using SearchEngine.Embeddings.Pull;

namespace SearchEngine.Embeddings.Tests.Pull;

public sealed class ResumableDownloadTests : IDisposable
{
    private readonly LoopbackFileServer _server = new();
    private readonly HttpClient _http = ModelPuller.CreateHttpClient();
    private readonly string _folder = Directory.CreateTempSubdirectory("pull-").FullName;
    private readonly byte[] _content = RandomNumberGenerator.GetBytes(300_000);

    public ResumableDownloadTests() => _server.Files["model.onnx"] = _content;

    private string Sha256 => Convert.ToHexStringLower(SHA256.HashData(_content));

    private string Destination => Path.Combine(_folder, "onnx", "model.onnx");

    private Uri Source => new(_server.BaseUri, "model.onnx");

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_download_is_verified_and_renamed_into_place_leaving_no_part_file()
    {
        var hash = await new ResumableDownload(_http).DownloadAsync(Source, Destination, Sha256);

        Assert.Equal(Sha256, hash);
        Assert.Equal(_content, await File.ReadAllBytesAsync(Destination));
        Assert.False(File.Exists(Destination + ResumableDownload.PartSuffix));
    }

    [Fact]
    public async Task An_interrupted_download_resumes_with_a_range_request_from_where_it_stopped()
    {
        var download = new ResumableDownload(_http);
        _server.CutNextResponseAfter = 120_000;

        await Assert.ThrowsAnyAsync<Exception>(() => download.DownloadAsync(Source, Destination, Sha256));
        Assert.False(File.Exists(Destination));
        var partial = new FileInfo(Destination + ResumableDownload.PartSuffix).Length;
        Assert.Equal(120_000, partial);

        await download.DownloadAsync(Source, Destination, Sha256);

        Assert.Equal(("model.onnx", "bytes=120000-"), _server.Requests.Last());
        Assert.Equal(_content, await File.ReadAllBytesAsync(Destination));
        Assert.False(File.Exists(Destination + ResumableDownload.PartSuffix));
    }

    [Fact]
    public async Task A_server_that_ignores_the_range_makes_the_download_start_over()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Destination)!);
        await File.WriteAllBytesAsync(Destination + ResumableDownload.PartSuffix, new byte[5_000]);
        _server.IgnoreRange = true;

        await new ResumableDownload(_http).DownloadAsync(Source, Destination, Sha256);

        Assert.Equal(_content, await File.ReadAllBytesAsync(Destination));
    }

    [Fact]
    public async Task A_sha256_mismatch_is_an_error_and_leaves_neither_the_file_nor_the_part()
    {
        var wrong = new string('0', 64);

        var error = await Assert.ThrowsAsync<ModelPullException>(() => new ResumableDownload(_http).DownloadAsync(Source, Destination, wrong));

        Assert.Contains("sha256 mismatch", error.Message, StringComparison.Ordinal);
        Assert.Contains(Sha256, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Destination));
        Assert.False(File.Exists(Destination + ResumableDownload.PartSuffix));
    }

    [Fact]
    public async Task An_existing_file_with_the_right_hash_is_kept_without_a_request()
    {
        await new ResumableDownload(_http).DownloadAsync(Source, Destination, Sha256);
        var requests = _server.Requests.Count;

        await new ResumableDownload(_http).DownloadAsync(Source, Destination, Sha256);

        Assert.Equal(requests, _server.Requests.Count);
    }

    [Fact]
    public async Task A_missing_file_is_an_error_naming_the_status()
    {
        var error = await Assert.ThrowsAsync<ModelPullException>(() =>
            new ResumableDownload(_http).DownloadAsync(new Uri(_server.BaseUri, "nothing.onnx"), Destination, null));
        Assert.Contains("404", error.Message, StringComparison.Ordinal);
    }
}
