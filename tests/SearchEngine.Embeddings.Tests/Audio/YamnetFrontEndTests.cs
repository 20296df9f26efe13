using System.Buffers.Binary;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using SearchEngine.Embeddings.Audio;
using SearchEngine.Embeddings.Inference;
using SearchEngine.Testing;

namespace SearchEngine.Embeddings.Tests.Audio;

public sealed class YamnetFrontEndTests
{
    private const string Vectors = "models/yamnet/testvectors/";

    [Fact]
    public void Front_end_matches_the_YAMNet_logmel_reference_patch()
    {
        var samples = ReadPcm(SharedFiles.Require(Vectors + "yamnet_test_audio.bin"), 32768f);
        var patches = new YamnetFrontEnd().Compute(samples, out var count);
        var expected = ReadFloats(SharedFiles.Require(Vectors + "yamnet_test_audio_logmel.bin"));

        Assert.Equal(1, count);
        Assert.Equal(expected.Length, patches.Length);
        Assert.True(MaxAbsDifference(expected, patches) < 1e-3, $"max difference {MaxAbsDifference(expected, patches)}");
    }

    [Fact]
    public void Front_end_with_coral_scaling_reproduces_the_official_coral_spectra()
    {
        // frontend.md: the coral spectra are the same front end on peak-normalized audio (max |pcm| = 8078) with log offset 0.01.
        var samples = ReadPcm(SharedFiles.Require(Vectors + "yamnet_test_audio.bin"), 8078f);
        var patches = new YamnetFrontEnd(logOffset: 0.01f).Compute(samples, out _);
        var expected = ReadFloats(SharedFiles.Require(Vectors + "yamnet_test_spectra.bin"));

        Assert.True(MaxAbsDifference(expected, patches) < 1e-3, $"max difference {MaxAbsDifference(expected, patches)}");
    }

    [Theory]
    [InlineData("yamnet_test_spectra.bin")]
    [InlineData("yamnet_test_audio_logmel.bin")]
    public void Yamnet_scores_and_embedding_match_the_expected_values(string spectra)
    {
        var patch = ReadFloats(SharedFiles.Require(Vectors + spectra));
        using var session = OnnxSessionFactory.Default.Open(SharedFiles.Require("models/yamnet/yamnet.onnx"));
        using var input = OrtValue.CreateTensorValueFromMemory(patch, [1, 96, 64]);
        using var outputs = session.Run(new RunOptions(), ["patch"], [input], ["scores", "embedding"]);
        var scores = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        var embedding = outputs[1].GetTensorDataAsSpan<float>().ToArray();

        using var expectedScores = JsonDocument.Parse(File.ReadAllBytes(SharedFiles.Require(Vectors + "expected_scores_top5.json")));
        var top5 = expectedScores.RootElement.GetProperty("results").GetProperty(spectra).GetProperty("top5").EnumerateArray().ToArray();
        var ranked = scores.Select((score, index) => (score, index)).OrderByDescending(p => p.score).Take(5).ToArray();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(top5[i].GetProperty("index").GetInt32(), ranked[i].index);
            Assert.Equal(top5[i].GetProperty("score").GetDouble(), ranked[i].score, 1e-4);
        }

        using var expectedEmbedding = JsonDocument.Parse(File.ReadAllBytes(SharedFiles.Require(Vectors + "expected_embedding_head.json")));
        var result = expectedEmbedding.RootElement.GetProperty("results").GetProperty(spectra);
        var head = result.GetProperty("embedding_head").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        for (var i = 0; i < head.Length; i++)
        {
            Assert.Equal(head[i], embedding[i], 1e-4);
        }

        Assert.Equal(result.GetProperty("embedding_l2_norm").GetDouble(), Math.Sqrt(embedding.Sum(v => (double)v * v)), 1e-3);
    }

    [Fact]
    public void Front_end_on_the_raw_audio_classifies_it_as_speech()
    {
        var samples = ReadPcm(SharedFiles.Require(Vectors + "yamnet_test_audio.bin"), 32768f);
        var patch = new YamnetFrontEnd().Compute(samples, out _);
        using var session = OnnxSessionFactory.Default.Open(SharedFiles.Require("models/yamnet/yamnet.onnx"));
        using var input = OrtValue.CreateTensorValueFromMemory(patch, [1, 96, 64]);
        using var outputs = session.Run(new RunOptions(), ["patch"], [input], ["scores"]);
        var scores = outputs[0].GetTensorDataAsSpan<float>();
        Assert.Equal(0, scores.IndexOf(TensorMax(scores)));
        Assert.Equal(0.9656, scores[0], 1e-3);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(8000, 1)]
    [InlineData(15600, 1)]
    [InlineData(15601, 2)]
    [InlineData(15600 + 7680, 2)]
    [InlineData(15600 + 7681, 3)]
    [InlineData(16000 * 10, 20)]
    public void Patch_count_follows_the_padding_rule(int samples, int patches) =>
        Assert.Equal(patches, new YamnetFrontEnd().PatchCount(samples));

    [Fact]
    public void Non_overlapping_patches_equal_every_second_patch_of_the_YAMNet_grid()
    {
        var speech = ReadPcm(SharedFiles.Require(Vectors + "yamnet_test_audio.bin"), 32768f);
        var samples = Enumerable.Repeat(speech, 3).SelectMany(s => s).ToArray();
        var yamnetGrid = new YamnetFrontEnd(patchHopFrames: 48).Compute(samples, out var dense);
        var wide = new YamnetFrontEnd(patchHopFrames: 96).Compute(samples, out var sparse);
        // 46 800 samples: 1 + ceil(31 200 / 7 680) = 6 patches on YAMNet's grid, 1 + ceil(31 200 / 15 360) = 4 without overlap.
        Assert.Equal(6, dense);
        Assert.Equal(4, sparse);
        const int patch = 96 * 64;
        for (var p = 0; 2 * p < dense; p++)
        {
            Assert.Equal(yamnetGrid.AsSpan(2 * p * patch, patch).ToArray(), wide.AsSpan(p * patch, patch).ToArray());
        }
    }

    [Fact]
    public void Windows_cover_every_patch_and_a_short_clip_gives_one_window()
    {
        var windowing = new AudioWindowing(WindowPatches: 5, HopPatches: 2, PatchHopFrames: 48);
        Assert.Equal(new[] { (0, 1) }, windowing.Windows(1));
        Assert.Equal(new[] { (0, 5) }, windowing.Windows(5));
        Assert.Equal(new[] { (0, 5), (2, 4) }, windowing.Windows(6));
        Assert.Equal(new[] { (0, 3), (1, 3) }, AudioWindowing.Default.Windows(4));
        Assert.Equal(new[] { (0, 2) }, AudioWindowing.Default.Windows(2));
        var windows = windowing.Windows(20);
        Assert.Equal(0, windows[0].First);
        Assert.Equal(20, windows[^1].First + windows[^1].Count);
    }

    internal static float[] ReadPcm(string path, float scale)
    {
        var bytes = File.ReadAllBytes(path);
        var samples = new float[bytes.Length / 2];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(i * 2)) / scale;
        }

        return samples;
    }

    private static float[] ReadFloats(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var values = new float[bytes.Length / 4];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * 4));
        }

        return values;
    }

    private static float TensorMax(ReadOnlySpan<float> values) => System.Numerics.Tensors.TensorPrimitives.Max(values);

    private static double MaxAbsDifference(float[] a, float[] b) => a.Zip(b, (x, y) => Math.Abs((double)x - y)).Max();
}
