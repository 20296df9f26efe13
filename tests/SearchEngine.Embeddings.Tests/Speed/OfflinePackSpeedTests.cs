using System.Diagnostics;
using SearchEngine.Core.Media;
using SearchEngine.Embeddings.Tests.Audio;
using SearchEngine.Embeddings.Tests.Fixtures;
using SearchEngine.Embeddings.Tests.Offline;
using SearchEngine.Testing;
using Xunit.Abstractions;

namespace SearchEngine.Embeddings.Tests.Speed;

/// <summary>
/// Throughput of the offline towers on real data (goals: ≥ 100 images/s decode + preprocess + embed, ≥ 200× real time
/// for audio, on 2 cores). Wall time on a shared machine says little, so the assertions bound the process's CPU time
/// per item with generous margins (a regression guard, not the goal); wall and CPU numbers go to the test output.
/// </summary>
[Trait("Category", "Speed")]
public sealed class OfflinePackSpeedTests(OfflinePackRoundTripTests.LoadedPack fixture, ITestOutputHelper output)
    : IClassFixture<OfflinePackRoundTripTests.LoadedPack>
{
    [Fact]
    public void Images_decode_preprocess_and_embed_at_speed()
    {
        var tower = fixture.Pack.RequireImage();
        var names = File.ReadAllLines(SharedFiles.Require("datasets/flickr8k/splits/dev.txt")).Take(96).ToArray();
        tower.Embed([TestImages.Flickr(names[0])]); // warm-up

        const int batch = 32;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        for (var first = 0; first < names.Length; first += batch)
        {
            var chunk = names.Skip(first).Take(batch).ToArray();
            var images = new RgbImage[chunk.Length];
            Parallel.For(0, chunk.Length, i => images[i] = TestImages.Flickr(chunk[i]));
            Assert.Equal(chunk.Length, tower.Embed(images).Length);
        }

        var perSecond = names.Length / watch.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        output.WriteLine($"images: {names.Length} in {watch.Elapsed.TotalSeconds:F2} s = {perSecond:F1} images/s wall (decode + preprocess + embed, {Environment.ProcessorCount} cores); " +
                         $"{cpuSeconds * 1000 / names.Length:F1} ms CPU per image = {names.Length / cpuSeconds * 2:F0} images/s on 2 idle cores if it scales");
        Assert.True(cpuSeconds / names.Length < 0.15, $"{cpuSeconds * 1000 / names.Length:F1} ms CPU per image");
    }

    [Fact]
    public void Audio_embeds_many_times_faster_than_real_time()
    {
        var tower = fixture.Pack.RequireAudio();
        var speech = YamnetFrontEndTests.ReadPcm(SharedFiles.Require("models/yamnet/testvectors/yamnet_test_audio.bin"), 32768f);
        var samples = Enumerable.Repeat(speech, 62).SelectMany(s => s).ToArray(); // ~60 s
        tower.Embed(new AudioClip(samples.AsSpan(0, 32000).ToArray(), 16000)); // warm-up

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var windows = tower.Embed(new AudioClip(samples, 16000));
        var seconds = samples.Length / 16000.0;
        var realTime = seconds / watch.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        output.WriteLine($"audio: {seconds:F1} s in {watch.Elapsed.TotalMilliseconds:F0} ms = {realTime:F0}x real time wall, {windows.Count} windows ({Environment.ProcessorCount} cores); " +
                         $"{cpuSeconds:F2} s CPU = {seconds / cpuSeconds * 2:F0}x real time on 2 idle cores if it scales");
        Assert.True(cpuSeconds < seconds / 10, $"{cpuSeconds:F2} s CPU for {seconds:F1} s of audio");
    }
}
