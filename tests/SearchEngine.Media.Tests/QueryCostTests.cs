using System.Diagnostics;
using SearchEngine.Media.Audio;
using SearchEngine.Media.Video;

namespace SearchEngine.Media.Tests;

/// <summary>What one query upload may cost: its sound is capped in the decode itself, cancelling kills ffmpeg, uploads
/// queue for a bounded number of decode slots, and video frames too large to allocate are refused from the header.</summary>
public class QueryCostTests(Xunit.Abstractions.ITestOutputHelper output)
{
    // Three hours of silence compress to ~2 MB of FLAC: under any upload limit, yet 170 M samples at 16 kHz.
    private static string ThreeHoursOfSilentFlac => SampleMedia.Ffmpeg("silence-3h.flac", "-f lavfi -i anullsrc=r=8000:cl=mono -t 10800 -c:a flac");

    [Fact]
    public async Task Three_hours_of_silent_flac_as_a_query_stops_at_the_query_limit_in_bounded_time_and_memory()
    {
        var flac = ThreeHoursOfSilentFlac;
        var audio = new AudioDecoder(SampleMedia.Options());
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<MediaException>(() => audio.DecodeQueryAsync(flac, 16_000));

        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        output.WriteLine($"3 h silent FLAC as a query: refused after {clock.Elapsed.TotalMilliseconds:F0} ms, {allocated / 1024.0 / 1024:F1} MiB allocated");
        Assert.True(new FileInfo(flac).Length < 3 << 20, $"{new FileInfo(flac).Length} bytes");
        Assert.Equal(MediaStage.Decode, error.Stage);
        Assert.Contains("60 s (Media:MaxQueryAudioSeconds)", error.Reason, StringComparison.Ordinal);
        // 61 s at 16 kHz is 3.9 MB of floats; the whole recording would be 690 MB.
        Assert.True(allocated < 48L << 20, $"allocated {allocated / (1 << 20)} MiB");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task A_query_clip_within_the_limit_decodes_whole()
    {
        var audio = new AudioDecoder(SampleMedia.Options(o => o.MaxQueryAudioSeconds = 5));

        var clip = await audio.DecodeQueryAsync(SampleMedia.Sine16Wav, 16_000);

        Assert.Equal(3 * 16_000, clip.Samples.Length, tolerance: 400);
    }

    [Fact]
    public async Task Cancelling_a_query_decode_kills_its_ffmpeg()
    {
        var pidFile = Path.Combine(SampleMedia.Folder, $"ffmpeg-pid-{Guid.NewGuid():N}");
        var wrapper = SampleMedia.Make($"pid-ffmpeg-{Guid.NewGuid():N}.sh", path =>
        {
            File.WriteAllText(path, $"#!/bin/sh\necho $$ > '{pidFile}'\nexec ffmpeg -re \"$@\"\n"); // -re: decode in real time, so it is still running
            SampleMedia.Run("chmod", $"+x {path}");
        });
        var audio = new AudioDecoder(SampleMedia.Options(o =>
        {
            o.FfmpegPath = wrapper;
            o.MaxQueryAudioSeconds = 3 * 3600;
        }));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(700));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => audio.DecodeQueryAsync(ThreeHoursOfSilentFlac, 16_000, cancel.Token));

        var pid = File.ReadAllText(pidFile).Trim();
        Assert.True(SpinWait.SpinUntil(() => !IsRunning(pid), TimeSpan.FromSeconds(3)), $"ffmpeg {pid} still runs after the cancel");
    }

    [Fact]
    public async Task The_decode_gate_admits_its_slots_queues_its_queue_and_refuses_the_rest_with_a_retry_time()
    {
        using var gate = new QueryDecodeGate(SampleMedia.Options(o =>
        {
            o.MaxConcurrentQueryDecodes = 1;
            o.QueryDecodeQueueLength = 1;
        }));

        var first = await gate.EnterAsync(CancellationToken.None);
        var queued = gate.EnterAsync(CancellationToken.None);
        var refused = await Assert.ThrowsAsync<MediaBusyException>(() => gate.EnterAsync(CancellationToken.None));
        Assert.False(queued.IsCompleted);
        first.Dispose();
        using var second = await queued.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(503, MediaBusyException.Status);
        Assert.True(refused.RetryAfter > TimeSpan.Zero);
        Assert.Contains("Media:MaxConcurrentQueryDecodes", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_video_of_huge_frames_is_refused_from_its_header_before_any_frame_is_decoded()
    {
        // 10000×6000 (60 MP) black frame: 16 KB of FFV1, 180 MB per decoded frame.
        var huge = SampleMedia.Ffmpeg("huge-frames.mkv", "-f lavfi -i color=c=black:s=10000x6000:d=0.04:r=25 -frames:v 1 -c:v ffv1");
        var options = SampleMedia.Options();
        var video = new VideoDecoder(options, new Ffmpeg.MediaProber(options), new AudioDecoder(options));

        var error = await Assert.ThrowsAsync<MediaException>(() => video.DecodeAsync(huge, null));

        Assert.True(new FileInfo(huge).Length < 1 << 20);
        Assert.Equal(MediaStage.Probe, error.Stage);
        Assert.Contains("10000×6000", error.Reason, StringComparison.Ordinal);
        Assert.Contains("Media:MaxImagePixels", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_frame_cap_follows_the_configured_pixel_limit()
    {
        var video = SampleMedia.Ffmpeg("wide-2000.mp4", "-f lavfi -i testsrc=size=2000x1000:duration=0.2 -pix_fmt yuv420p");
        var strict = SampleMedia.Options(o => o.MaxImagePixels = 1_000_000);
        var loose = SampleMedia.Options();

        var error = await Assert.ThrowsAsync<MediaException>(() => new VideoDecoder(strict, new Ffmpeg.MediaProber(strict), new AudioDecoder(strict)).DecodeAsync(video, null));
        var decoded = await new VideoDecoder(loose, new Ffmpeg.MediaProber(loose), new AudioDecoder(loose)).DecodeAsync(video, null);

        Assert.Contains("2,000,000 pixels", error.Reason, StringComparison.Ordinal);
        Assert.NotEmpty(decoded.Frames);
    }

    private static bool IsRunning(string pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }

        try
        {
            var text = File.ReadAllText(stat);
            return text[(text.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
