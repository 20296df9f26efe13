using SearchEngine.Media.Audio;
using SearchEngine.Media.Ffmpeg;
using SearchEngine.Media.Video;

namespace SearchEngine.Media.Tests;

public class VideoDecoderTests
{
    private readonly VideoDecoder _decoder = Create();

    public static TheoryData<string, string> Containers => new()
    {
        { "v.mp4", "-c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac" },
        { "v.mkv", "-c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a flac" },
        { "v.webm", "-c:v libvpx -deadline realtime -cpu-used 8 -b:v 200k -c:a libopus" },
        { "v.avi", "-c:v mpeg4 -c:a libmp3lame" },
    };

    [Theory]
    [MemberData(nameof(Containers))]
    public async Task Takes_keyframes_every_interval_and_the_sound_track(string name, string codecs)
    {
        var path = SampleMedia.Ffmpeg(name,
            $"-f lavfi -i testsrc=size=320x240:rate=10:duration=5 -f lavfi -i sine=frequency=440:duration=5 {codecs} -shortest");

        var video = await _decoder.DecodeAsync(path, 16_000);

        Assert.Equal([0, 2, 4], video.Frames.Select(f => Math.Round(f.Time, 1)));
        Assert.All(video.Frames, f => Assert.Equal((320, 240), (f.Image.Width, f.Image.Height)));
        Assert.NotNull(video.Audio);
        Assert.InRange(video.Audio.Duration, 4.8, 5.2);
        Assert.InRange(AudioDecoderTests.DominantFrequency(video.Audio), 420, 460);
    }

    [Fact]
    public async Task A_scene_change_adds_a_keyframe_and_frames_are_scaled_to_the_short_side()
    {
        // 3 s of a test pattern, then a cut to solid red: the cut at 3 s falls between the 2 s and 4 s picks.
        var path = SampleMedia.Ffmpeg("cut.mp4",
            "-f lavfi -i testsrc=size=640x480:rate=10:duration=3 -f lavfi -i color=c=red:size=640x480:rate=10:duration=3 " +
            "-filter_complex [0][1]concat=n=2 -c:v libx264 -preset ultrafast -pix_fmt yuv420p");

        var video = await _decoder.DecodeAsync(path, 16_000);

        var times = video.Frames.Select(f => Math.Round(f.Time, 1)).ToArray();
        Assert.Contains(3.0, times);
        Assert.Equal(times.Order(), times);
        Assert.Equal(times.Length, times.Distinct().Count());
        Assert.All(video.Frames, f => Assert.Equal((341, 256), (f.Image.Width, f.Image.Height)));
        ImageDecoderTests.AssertColor(video.Frames[^1].Image, 170, 128, (255, 0, 0), tolerance: 20);
    }

    [Fact]
    public async Task A_video_without_sound_still_yields_its_frames()
    {
        var path = SampleMedia.Ffmpeg("mute.mkv", "-f lavfi -i testsrc=size=160x120:rate=10:duration=3 -c:v libx264 -preset ultrafast -pix_fmt yuv420p");

        var video = await _decoder.DecodeAsync(path, 16_000);

        Assert.Null(video.Audio);
        Assert.Equal([0, 2], video.Frames.Select(f => Math.Round(f.Time, 1)));
    }

    [Fact]
    public async Task The_number_of_frames_is_bounded()
    {
        var few = Create(o => o.MaxFrames = 2);

        var video = await few.DecodeAsync(SampleMedia.Mp4WithAudio, 16_000);

        Assert.Equal(2, video.Frames.Count);
    }

    [Fact]
    public async Task A_truncated_video_is_rejected_with_a_reason()
    {
        var whole = File.ReadAllBytes(SampleMedia.Mp4WithAudio);
        var truncated = SampleMedia.Bytes("truncated.mp4", whole[..(whole.Length / 3)]);

        var error = await Assert.ThrowsAsync<MediaException>(() => _decoder.DecodeAsync(truncated, 16_000));

        Assert.False(string.IsNullOrWhiteSpace(error.Reason));
        Assert.Contains("truncated.mp4", error.Message, StringComparison.Ordinal);
    }

    private static VideoDecoder Create(Action<MediaOptions>? configure = null)
    {
        var options = SampleMedia.Options(configure);
        return new VideoDecoder(options, new MediaProber(options), new AudioDecoder(options));
    }
}
