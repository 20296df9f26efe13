using System.Diagnostics;
using SearchEngine.Media.Images;
using SearchEngine.Testing;
using Xunit.Abstractions;

namespace SearchEngine.Media.Tests;

/// <summary>
/// Decode time per image, printed for the record (run with <c>--logger "console;verbosity=detailed"</c>). The bounds
/// are loose on purpose (the build machine is shared); they catch a decode path that lost its scaling, not noise.
/// </summary>
public class ImageDecodeSpeedTests(ITestOutputHelper output)
{
    private readonly ImageDecoder _decoder = new(SampleMedia.Options());

    [Fact]
    public void Flickr8k_jpegs_decode_in_a_few_milliseconds_each()
    {
        var files = Directory.EnumerateFiles(SharedFiles.Require("datasets/flickr8k/images/10")).Take(100).ToArray();
        _decoder.Decode(files[0], 224);

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        foreach (var file in files)
        {
            _decoder.Decode(file, 224);
        }

        var perImage = clock.Elapsed.TotalMilliseconds / files.Length;
        var cpuPerImage = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / files.Length;
        output.WriteLine($"224×224 Flickr8k JPEG: {perImage:0.00} ms wall, {cpuPerImage:0.00} ms CPU per image over {files.Length} images, one thread");
        Assert.True(perImage < 50, $"{perImage:0.0} ms per image");
    }

    [Fact]
    public void A_12_megapixel_jpeg_decodes_to_tower_size_much_faster_than_at_full_size()
    {
        var large = SampleMedia.Ffmpeg("4000x3000.jpg", "-f lavfi -i testsrc2=size=4000x3000 -frames:v 1 -q:v 4");
        _decoder.Decode(large, 224);

        var (scaled, scaledCpu) = Time(() => _decoder.Decode(large, 224), 5);
        var (full, fullCpu) = Time(() => _decoder.Decode(large), 2);

        output.WriteLine($"4000×3000 JPEG: {scaled:0.0} ms wall / {scaledCpu:0.0} ms CPU to short side ≥224 (DCT scaling), {full:0.0} ms wall / {fullCpu:0.0} ms CPU at full size");
        Assert.True(scaled * 3 < full, $"scaled {scaled:0.0} ms vs full {full:0.0} ms");
    }

    private static (double Wall, double Cpu) Time(Action decode, int runs)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < runs; i++)
        {
            decode();
        }

        return (clock.Elapsed.TotalMilliseconds / runs, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / runs);
    }
}
