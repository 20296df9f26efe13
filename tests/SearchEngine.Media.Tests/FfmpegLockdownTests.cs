using SearchEngine.Media.Audio;
using SearchEngine.Media.Ffmpeg;
using SearchEngine.Media.Sniffing;

namespace SearchEngine.Media.Tests;

/// <summary>
/// ffmpeg only ever runs the demuxer of the container the sniffer recognised, on the local file it was given: playlists
/// behind any magic are refused without opening what they name, and its messages never reach the reason.
/// </summary>
public class FfmpegLockdownTests
{
    private readonly MediaDecoder _decoder = MediaDecoder.Create();
    private readonly AudioDecoder _audio = new(SampleMedia.Options());

    public static TheoryData<string, string> MagicsAndPlaylists()
    {
        var data = new TheoryData<string, string>();
        foreach (var magic in HostileContainers.Magics.Keys)
        {
            foreach (var playlist in new[] { "hls", "concat", "file-url" })
            {
                data.Add(magic, playlist);
            }
        }

        return data;
    }

    [Fact]
    public async Task An_id3_tag_before_an_hls_playlist_naming_a_real_local_ts_file_is_not_audio_and_decodes_nothing()
    {
        var secret = HostileContainers.SecretTs;
        var upload = SampleMedia.Bytes("id3-hls.mp3", HostileContainers.Behind(HostileContainers.Magics["id3"], HostileContainers.Hls(secret)));

        var content = MediaSniffer.Sniff(upload);
        var error = await Assert.ThrowsAsync<MediaException>(() => _audio.DecodeAsync(upload, 16_000));

        Assert.False(content.IsSupported, content.Describe());
        Assert.Contains("ID3", content.Reason, StringComparison.Ordinal);
        Assert.Equal(MediaStage.Sniff, error.Stage);
        Assert.DoesNotContain(secret, error.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(MagicsAndPlaylists))]
    public async Task A_playlist_behind_container_magic_is_refused_without_opening_the_file_it_names(string magic, string playlist)
    {
        using var secret = new UnopenedFifo(Path.Combine(SampleMedia.Folder, $"secret-{magic}-{playlist}.ts"));
        var text = playlist switch
        {
            "hls" => HostileContainers.Hls(secret.Path),
            "concat" => HostileContainers.Concat(secret.Path),
            _ => HostileContainers.FileUrl(secret.Path),
        };
        var upload = SampleMedia.Bytes($"playlist-{magic}-{playlist}.bin", HostileContainers.Behind(HostileContainers.Magics[magic], text));

        var error = await Assert.ThrowsAsync<MediaException>(() => _decoder.DecodeAsync(upload, 16_000));

        Assert.False(secret.WasOpened, $"ffmpeg opened the file the {playlist} playlist behind {magic} magic names");
        Assert.DoesNotContain(secret.Path, error.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Real_mp3_frames_followed_by_a_playlist_decode_as_mp3_only_and_never_open_the_named_file()
    {
        // A polyglot: a genuine MP3 (ID3 tag and frames) with an HLS playlist appended. The mp3 demuxer is pinned, so
        // the frames decode and the playlist is never read as one.
        using var secret = new UnopenedFifo(Path.Combine(SampleMedia.Folder, "secret-polyglot.ts"));
        var mp3 = SampleMedia.Ffmpeg("polyglot-base.mp3", "-f lavfi -i sine=frequency=440:duration=0.5");
        var upload = SampleMedia.Bytes("polyglot.mp3", [.. File.ReadAllBytes(mp3), .. System.Text.Encoding.ASCII.GetBytes(HostileContainers.Hls(secret.Path))]);

        var clip = await _audio.DecodeAsync(upload, 16_000);

        Assert.Equal("mp3", MediaSniffer.Sniff(upload).Format);
        Assert.InRange(clip.Samples.Length, 16_000 * 0.4, 16_000 * 0.7);
        Assert.False(secret.WasOpened, "ffmpeg followed the playlist appended to the MP3");
    }

    [Fact]
    public async Task A_playlist_as_plain_text_is_not_given_to_ffmpeg_at_all()
    {
        using var secret = new UnopenedFifo(Path.Combine(SampleMedia.Folder, "secret-text.ts"));
        var m3u = SampleMedia.Bytes("plain.m3u8", System.Text.Encoding.ASCII.GetBytes(HostileContainers.Hls(secret.Path).TrimStart()));
        var ffconcat = SampleMedia.Bytes("plain.ffconcat", System.Text.Encoding.ASCII.GetBytes(HostileContainers.Concat(secret.Path).TrimStart()));

        var hlsError = await Assert.ThrowsAsync<MediaException>(() => _audio.DecodeAsync(m3u, 16_000));
        var concatError = await Assert.ThrowsAsync<MediaException>(() => _audio.DecodeAsync(ffconcat, 16_000));

        Assert.Equal(MediaStage.Sniff, hlsError.Stage);
        Assert.Equal(MediaStage.Sniff, concatError.Stage);
        Assert.Contains("not an audio or video container", hlsError.Reason, StringComparison.Ordinal);
        Assert.False(secret.WasOpened);
    }

    [Fact]
    public void A_real_mp3_with_a_cover_art_tag_longer_than_the_sniffed_head_is_still_mp3()
    {
        // 100 KB of cover art puts the first frame past the 64 KB the sniffer reads first.
        var cover = SampleMedia.Ffmpeg("cover.png", "-f lavfi -i nullsrc=size=400x400,geq=random(1)*255:128:128 -frames:v 1");
        var mp3 = SampleMedia.Tool("with-cover.mp3", "ffmpeg",
            $"-nostdin -v error -y -f lavfi -i sine=duration=0.5 -i \"{cover}\" -map 0:a -map 1:v -c:v copy -id3v2_version 3 -disposition:v attached_pic {{out}}");

        var content = MediaSniffer.Sniff(mp3);

        Assert.True(new FileInfo(mp3).Length > MediaSniffer.HeadBytes);
        Assert.Equal("mp3", content.Format);
    }

    [Fact]
    public async Task Ffmpegs_own_message_goes_to_the_log_as_a_warning_and_never_into_the_reason()
    {
        var logger = new ListLogger<AudioDecoder>();
        var audio = new AudioDecoder(SampleMedia.Options(), logger);
        var corrupt = SampleMedia.Bytes("logged-corrupt.wav", [.. "RIFF"u8, 0xFF, 0xFF, 0, 0, .. "WAVE"u8, .. "fmt "u8, 0xFF, 0xFF, 0xFF, 0x7F, .. SampleMedia.RandomBytesOf(512, seed: 3)]);

        var error = await Assert.ThrowsAsync<MediaException>(() => audio.DecodeAsync(corrupt, 16_000));

        var warning = Assert.Single(logger.Messages, m => m.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
        Assert.Contains(corrupt, warning.Text, StringComparison.Ordinal);
        Assert.Contains("ffmpeg failed", warning.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(corrupt, error.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("wav @", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wav", "wav")]
    [InlineData("flac", "flac")]
    [InlineData("ogg-opus", "ogg")]
    [InlineData("ogg-theora", "ogg")]
    [InlineData("m4a", "mov")]
    [InlineData("mp4", "mov")]
    [InlineData("webm", "matroska")]
    [InlineData("mp3", "mp3")]
    public void Each_sniffed_container_pins_one_demuxer(string format, string demuxer)
    {
        var modality = format is "mp4" or "webm" or "ogg-theora" ? Core.Modality.Video : Core.Modality.Audio;

        Assert.Equal(demuxer, FfmpegInput.DemuxerOf(ContentType.Of(modality, format)));
        Assert.Null(FfmpegInput.DemuxerOf(ContentType.Of(Core.Modality.Text, "txt")));
        Assert.Null(FfmpegInput.DemuxerOf(ContentType.Of(Core.Modality.Image, "png")));
    }

    private sealed class ListLogger<T> : Microsoft.Extensions.Logging.ILogger<T>
    {
        public List<(Microsoft.Extensions.Logging.LogLevel Level, string Text)> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add((logLevel, formatter(state, exception)));
    }
}
