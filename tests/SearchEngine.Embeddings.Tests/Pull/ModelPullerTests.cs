using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using SearchEngine.Embeddings.Clip;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Embeddings.Pull;

namespace SearchEngine.Embeddings.Tests.Pull;

public sealed class ModelPullerTests : IDisposable
{
    private readonly string _packs = Directory.CreateTempSubdirectory("packs-").FullName;

    public void Dispose() => Directory.Delete(_packs, recursive: true);

    [Fact]
    public async Task Without_network_a_pull_fails_fast_saying_the_host_cannot_be_reached()
    {
        using var http = ModelPuller.CreateHttpClient();
        // Bounded even on a machine with network, so the test never downloads a real model.
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ModelPullException>(() =>
            new ModelPuller(http).PullAsync("openai/clip-vit-base-patch32", _packs, cancellationToken: limit.Token));

        Assert.StartsWith("cannot reach huggingface.co: no network? (", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        Assert.False(File.Exists(Path.Combine(_packs, ClipPack.VitBasePatch32Id, PackManifest.FileName)));
    }

    [Fact]
    public async Task An_unknown_pack_id_lists_the_known_ones()
    {
        using var http = ModelPuller.CreateHttpClient();
        var error = await Assert.ThrowsAsync<ModelPullException>(() => new ModelPuller(http).PullAsync("no-such-model", _packs));
        Assert.Contains("clip-vit-base-patch32", error.Message, StringComparison.Ordinal);
        Assert.Contains("laion/clap-htsat-unfused", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pull_writes_files_pins_their_hashes_and_writes_the_manifest_last_and_later_pulls_check_the_pins()
    {
        using var server = new LoopbackFileServer();
        server.Files["onnx/text_model.onnx"] = RandomNumberGenerator.GetBytes(10_000);
        server.Files["vocab.json"] = Encoding.UTF8.GetBytes("{\"a\": 0}");
        var source = new PackSource(
            "tiny-clip",
            [],
            server.BaseUri,
            [new("onnx/text_model.onnx"), new("vocab.json", Convert.ToHexStringLower(SHA256.HashData(server.Files["vocab.json"])))],
            () => ClipPack.Manifest(id: "tiny-clip"));
        using var http = ModelPuller.CreateHttpClient();
        var puller = new ModelPuller(http);

        var folder = await puller.PullAsync(source, _packs);

        Assert.Equal(server.Files["onnx/text_model.onnx"], await File.ReadAllBytesAsync(Path.Combine(folder, "onnx", "text_model.onnx")));
        Assert.Equal("tiny-clip", PackManifestFile.Read(folder).Id);
        var pins = PinnedHashes.Read(folder);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(server.Files["onnx/text_model.onnx"])), pins["onnx/text_model.onnx"]);

        // Upstream changes the unpublished-hash file: a fresh download must match the pin from the first pull.
        File.Delete(Path.Combine(folder, "onnx", "text_model.onnx"));
        server.Files["onnx/text_model.onnx"] = RandomNumberGenerator.GetBytes(10_000);
        var error = await Assert.ThrowsAsync<ModelPullException>(() => puller.PullAsync(source, _packs));
        Assert.Contains("sha256 mismatch", error.Message, StringComparison.Ordinal);
    }
}
