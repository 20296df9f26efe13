using System.Buffers.Binary;
using SearchEngine.Media.Audio;
using SearchEngine.Media.Ffmpeg;
using SearchEngine.Media.Text;
using SearchEngine.Media.Video;

namespace SearchEngine.Media.Tests;

/// <summary>Embedded subtitle tracks, made with ffmpeg from an SRT file, become timed cues of the video.</summary>
public class SubtitleTrackTests
{
    private const string Srt = """
        1
        00:00:01,000 --> 00:00:02,500
        The <i>lighthouse</i> keeper waves.

        2
        00:00:03,250 --> 00:00:04,750
        A second line
        split in two.

        """;

    private readonly VideoDecoder _decoder = Create();

    public static TheoryData<string, string> Tracks => new()
    {
        { "subs-srt.mkv", "-c:s srt" },
        { "subs-ass.mkv", "-c:s ass" },
        { "subs-mov-text.mp4", "-c:s mov_text" },
        { "subs-webvtt.mkv", "-c:s webvtt" },
    };

    [Theory]
    [MemberData(nameof(Tracks))]
    public async Task The_cues_of_an_embedded_text_track_come_with_their_times(string name, string codec)
    {
        var path = Subtitled(name, codec);

        var video = await _decoder.DecodeAsync(path, 16_000);

        Assert.Equal(3, video.Frames.Count);
        Assert.NotNull(video.Audio);
        Assert.Collection(video.Cues,
            first =>
            {
                AssertTime(1.0, first.Start);
                AssertTime(2.5, first.End);
                Assert.Equal("The lighthouse keeper waves.", first.Text);
            },
            second =>
            {
                AssertTime(3.25, second.Start);
                AssertTime(4.75, second.End);
                Assert.Equal("A second line split in two.", second.Text);
            });
    }

    [Fact]
    public async Task A_video_without_subtitles_has_no_cues()
    {
        var video = await _decoder.DecodeAsync(SampleMedia.Mp4WithAudio, 16_000);

        Assert.Empty(video.Cues);
        Assert.NotEmpty(video.Frames);
    }

    [Fact]
    public async Task A_bitmap_subtitle_track_is_passed_over_without_an_error()
    {
        var path = SampleMedia.Ffmpeg("subs-pgs.mkv",
            $"-f lavfi -i testsrc=size=160x120:rate=10:duration=6 -f sup -i \"{PgsTrack()}\" -map 0 -map 1 -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:s copy");
        Assert.Contains((await new MediaProber(SampleMedia.Options()).ProbeAsync(path)).Streams, s => s.CodecName == "hdmv_pgs_subtitle");

        var video = await _decoder.DecodeAsync(path, 16_000);

        Assert.Empty(video.Cues);
        Assert.Equal(3, video.Frames.Count);
    }

    [Fact]
    public async Task The_first_text_track_is_read_when_a_bitmap_track_comes_before_it()
    {
        var path = SampleMedia.Ffmpeg("subs-pgs-then-srt.mkv",
            $"-f lavfi -i testsrc=size=160x120:rate=10:duration=6 -f sup -i \"{PgsTrack()}\" -i \"{SrtFile()}\" " +
            "-map 0 -map 1 -map 2 -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:s:0 copy -c:s:1 srt");

        var video = await _decoder.DecodeAsync(path, null);

        Assert.Equal(["The lighthouse keeper waves.", "A second line split in two."], video.Cues.Select(c => c.Text));
    }

    [Fact]
    public async Task A_malformed_subtitle_packet_costs_its_line_and_not_the_video()
    {
        // The first cue's text made invalid UTF-8 inside the container (same length, so the file stays well formed).
        var path = SampleMedia.Make("subs-bad-utf8.mkv", bad =>
        {
            var bytes = File.ReadAllBytes(Subtitled("subs-srt.mkv", "-c:s srt"));
            var at = bytes.AsSpan().IndexOf("keeper waves"u8);
            Assert.True(at > 0);
            new byte[] { 0xFF, 0xFE, 0xC3, 0x28, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF }.CopyTo(bytes, at);
            File.WriteAllBytes(bad, bytes);
        });

        var video = await _decoder.DecodeAsync(path, 16_000);

        Assert.Equal(3, video.Frames.Count);
        Assert.NotNull(video.Audio);
        var cue = Assert.Single(video.Cues);
        Assert.Equal("A second line split in two.", cue.Text);
        AssertTime(3.25, cue.Start);
    }

    [Fact]
    public async Task A_track_longer_than_the_limit_keeps_the_cues_before_it()
    {
        // 200 cues of about 60 bytes each as SRT: the first 2,000 bytes hold some 30 of them.
        var lines = string.Concat(Enumerable.Range(0, 200).Select(i =>
            $"{i + 1}\n00:00:{i / 40:00},{i % 40 * 25:000} --> 00:00:{i / 40:00},{(i % 40 * 25) + 20:000}\nline {i}\n\n"));
        var srt = SampleMedia.Make("many.srt", p => File.WriteAllText(p, lines));
        var path = SampleMedia.Ffmpeg("subs-many.mkv",
            $"-f lavfi -i testsrc=size=160x120:rate=10:duration=6 -i \"{srt}\" -map 0 -map 1 -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:s srt");
        var capped = Create(o => o.MaxSubtitleBytes = 2_000);

        var all = await _decoder.DecodeAsync(path, null);
        var video = await capped.DecodeAsync(path, null);

        Assert.Equal(200, all.Cues.Count);
        Assert.InRange(video.Cues.Count, 10, 60);
        Assert.Equal(all.Cues.Take(video.Cues.Count - 1).Select(c => c.Text), video.Cues.SkipLast(1).Select(c => c.Text));
    }

    [Fact]
    public void A_transcript_joins_the_lines_and_stays_under_its_length()
    {
        TextCue[] cues = [new(0, 1, "first line"), new(1, 2, "second line here"), new(2, 3, "third")];

        Assert.Equal("first line\nsecond line here\nthird", Transcript.Of(cues));
        Assert.Equal("first line\nsecond line", Transcript.Of(cues, 24));
        Assert.Equal("first line", Transcript.Of(cues, 12));
        Assert.Null(Transcript.Of([]));
    }

    /// <summary>
    /// A cue's time as the file holds it. The Matroska muxer moves every stream 23 ms later when AAC's encoder delay
    /// (1,024 samples at 44.1 kHz) would make the sound start before zero, so a cue written at 1.000 s is at 1.023 s in
    /// the file, which is also when a player shows it.
    /// </summary>
    internal static void AssertTime(double written, double actual) => Assert.InRange(actual, written - 0.001, written + 0.03);

    /// <summary>A video with sound and the test SRT as a subtitle stream in <paramref name="codec"/>.</summary>
    internal static string Subtitled(string name, string codec) => SampleMedia.Ffmpeg(name,
        $"-f lavfi -i testsrc=size=160x120:rate=10:duration=6 -f lavfi -i sine=frequency=440:duration=6 -i \"{SrtFile()}\" " +
        $"-map 0 -map 1 -map 2 -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac {codec}");

    private static string SrtFile() => SampleMedia.Make("subs.srt", p => File.WriteAllText(p, Srt));

    /// <summary>
    /// A Blu-ray (PGS) subtitle stream of two empty display sets, at 1 s and 3 s: ffmpeg cannot encode bitmap subtitles
    /// from text, so the segments are written by hand (a presentation composition and an end segment each).
    /// </summary>
    private static string PgsTrack() => SampleMedia.Make("subs.sup", path =>
    {
        using var file = File.Create(path);
        for (var i = 0; i < 2; i++)
        {
            var pts = (uint)((1 + (2 * i)) * 90_000);
            Span<byte> composition = [0, 160, 0, 120, 0x10, 0, (byte)i, 0x80, 0, 0, 0];
            WriteSegment(file, pts, 0x16, composition);
            WriteSegment(file, pts, 0x80, []);
        }
    });

    private static void WriteSegment(Stream file, uint pts, byte type, ReadOnlySpan<byte> data)
    {
        Span<byte> header = stackalloc byte[13];
        header[0] = (byte)'P';
        header[1] = (byte)'G';
        BinaryPrimitives.WriteUInt32BigEndian(header[2..], pts);
        BinaryPrimitives.WriteUInt32BigEndian(header[6..], 0);
        header[10] = type;
        BinaryPrimitives.WriteUInt16BigEndian(header[11..], (ushort)data.Length);
        file.Write(header);
        file.Write(data);
    }

    private static VideoDecoder Create(Action<MediaOptions>? configure = null)
    {
        var options = SampleMedia.Options(configure);
        return new VideoDecoder(options, new MediaProber(options), new AudioDecoder(options));
    }
}
