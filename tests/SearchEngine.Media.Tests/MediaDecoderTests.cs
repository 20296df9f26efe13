using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SearchEngine.Core;

namespace SearchEngine.Media.Tests;

public class MediaDecoderTests
{
    [Fact]
    public async Task A_batch_with_bad_files_reports_each_error_and_decodes_the_rest()
    {
        var files = new[]
        {
            SampleMedia.Jpeg640,
            SampleMedia.TruncatedJpeg,
            SampleMedia.Renamed("batch-text.jpg", SampleMedia.Text),
            SampleMedia.Sine16Wav,
            SampleMedia.Bytes("batch-empty.wav", []),
            SampleMedia.Pdf,
            SampleMedia.RandomBytes,
            SampleMedia.Bytes("batch-bomb.png", PngBytes.WithHeader(30000, 30000, PngBytes.Zeros(1000))),
            SampleMedia.Mp4WithAudio,
            SampleMedia.Text,
            Path.Combine(SampleMedia.Folder, "does-not-exist.png"),
        };

        var results = new List<MediaDecodeResult>();
        await foreach (var result in MediaDecoder.Create().DecodeAllAsync(files, 16_000))
        {
            results.Add(result);
        }

        Assert.Equal(files, results.Select(r => r.Path));
        Assert.Equal([true, false, true, true, false, false, false, false, true, true, false], results.Select(r => r.Succeeded));
        Assert.Contains("truncated", results[1].Error!.Reason, StringComparison.Ordinal);
        Assert.Contains("PDF", results[5].Error!.Reason, StringComparison.Ordinal);
        Assert.Contains("unknown binary data", results[6].Error!.Reason, StringComparison.Ordinal);
        Assert.Contains("decompression bomb", results[7].Error!.Reason, StringComparison.Ordinal);
        Assert.Contains("does not exist", results[10].Error!.Reason, StringComparison.Ordinal);
        Assert.Contains("0 bytes", results[4].Error!.Reason, StringComparison.Ordinal);

        // A text file with a .jpg name is indexed as what it is: text.
        var text = Assert.IsType<DecodedText>(results[2].Media);
        Assert.Equal(Modality.Text, text.Content.Modality);

        var image = Assert.IsType<DecodedImage>(results[0].Media);
        Assert.InRange(Math.Min(image.Image.Width, image.Image.Height), 256, 511);
        Assert.Equal([0xFF, 0xD8], image.Thumbnail[..2]);

        var audio = Assert.IsType<DecodedAudio>(results[3].Media);
        Assert.Equal(16_000, audio.Clip.SampleRate);
        Assert.Equal(3.0, audio.Clip.Duration, 2);

        var video = Assert.IsType<DecodedVideo>(results[8].Media);
        Assert.Equal(4, video.Video.Frames.Count);
        Assert.Equal(16_000, video.Video.Audio!.SampleRate);
        Assert.InRange(video.Video.Audio.Duration, 6.9, 7.1);
        Assert.NotNull(video.Thumbnail);
    }

    [Theory]
    [InlineData(16_000)] // the offline pack's YAMNet
    [InlineData(48_000)] // CLAP
    public async Task Sound_of_audio_files_and_videos_is_decoded_whole_at_the_rate_asked_for(int sampleRate)
    {
        var decoder = MediaDecoder.Create();

        var audio = Assert.IsType<DecodedAudio>(await decoder.DecodeAsync(SampleMedia.Sine16Wav, sampleRate));
        var video = Assert.IsType<DecodedVideo>(await decoder.DecodeAsync(SampleMedia.Mp4WithAudio, sampleRate));
        var other = SampleMedia.Ffmpeg("sine-300-2s.flac", "-f lavfi -i sine=frequency=300:duration=2 -c:a flac");
        var batch = await decoder.DecodeManyAsync([SampleMedia.Sine16Wav, SampleMedia.Jpeg640, other], sampleRate); // the two clips share one ffmpeg

        // One clip per file, not windows: the audio tower that embeds it cuts its own windows.
        Assert.Equal((sampleRate, 3.0), (audio.Clip.SampleRate, Math.Round(audio.Clip.Duration, 2)));
        Assert.Equal(audio.Clip.Samples, Assert.IsType<DecodedAudio>(batch[0].Media).Clip.Samples);
        var second = Assert.IsType<DecodedAudio>(batch[2].Media).Clip;
        Assert.Equal((sampleRate, 2.0), (second.SampleRate, Math.Round(second.Duration, 2)));
        Assert.Equal(sampleRate, video.Video.Audio!.SampleRate);
        Assert.InRange(video.Video.Audio.Duration, 6.9, 7.1);
        Assert.InRange(AudioDecoderTests.DominantFrequency(video.Video.Audio), 420, 460);
    }

    [Fact]
    public async Task Without_a_rate_a_video_yields_its_frames_only_and_a_sound_file_is_refused()
    {
        // No rate = no audio tower to embed sound (e.g. a CLIP pack): decoding the sound would be wasted work.
        var decoder = MediaDecoder.Create();

        var video = Assert.IsType<DecodedVideo>(await decoder.DecodeAsync(SampleMedia.Mp4WithAudio, audioSampleRate: null));
        var results = await decoder.DecodeManyAsync([SampleMedia.Sine16Wav, SampleMedia.Jpeg640], audioSampleRate: null);

        Assert.Equal(4, video.Video.Frames.Count);
        Assert.Null(video.Video.Audio);
        Assert.Contains("no audio tower", results[0].Error!.Reason, StringComparison.Ordinal);
        Assert.IsType<DecodedImage>(results[1].Media);
    }

    [Fact]
    public async Task Decoding_many_at_once_gives_what_decoding_one_by_one_gives()
    {
        var files = new[]
        {
            SampleMedia.Sine16Wav,
            SampleMedia.Jpeg640,
            SampleMedia.Ffmpeg("many-a.ogg", "-f lavfi -i sine=frequency=300:duration=2 -c:a libvorbis"),
            SampleMedia.Bytes("many-corrupt.flac", [.. "fLaC"u8.ToArray(), .. SampleMedia.RandomBytesOf(2000, seed: 5)]),
            SampleMedia.Mp4WithAudio,
            SampleMedia.Ffmpeg("many-b.wav", "-f lavfi -i sine=frequency=600:duration=5 -c:a pcm_s16le"),
            Path.Combine(SampleMedia.Folder, "many-missing.wav"),
        };
        var decoder = MediaDecoder.Create();
        var alone = new List<MediaDecodeResult>();
        await foreach (var result in decoder.DecodeAllAsync(files, 16_000))
        {
            alone.Add(result);
        }

        var together = await decoder.DecodeManyAsync(files, 16_000);

        Assert.Equal(files, together.Select(r => r.Path));
        Assert.Equal(alone.Select(r => r.Error?.Reason), together.Select(r => r.Error?.Reason));
        Assert.Equal([true, true, true, false, true, true, false], together.Select(r => r.Succeeded));
        foreach (var i in new[] { 0, 2, 5 })
        {
            var (one, many) = (Assert.IsType<DecodedAudio>(alone[i].Media), Assert.IsType<DecodedAudio>(together[i].Media));
            Assert.Equal(one.Content, many.Content);
            Assert.Equal(one.Clip.Samples, many.Clip.Samples);
        }

        Assert.IsType<DecodedVideo>(together[4].Media);
    }

    [Fact]
    public async Task An_mp4_holding_only_sound_is_decoded_as_audio()
    {
        // ffmpeg writes the track list at the end of an MP4, so the header alone cannot say there is no picture.
        var path = SampleMedia.Ffmpeg("sound-only.mp4", "-f lavfi -i sine=duration=2 -c:a aac");

        var media = await MediaDecoder.Create().DecodeAsync(path, 16_000);

        var audio = Assert.IsType<DecodedAudio>(media);
        Assert.Equal(Modality.Audio, audio.Content.Modality);
        Assert.InRange(audio.Clip.Duration, 1.9, 2.1);
    }

    [Fact]
    public void AddMediaDecoding_registers_the_decoders_with_configured_options()
    {
        using var provider = new ServiceCollection()
            .AddMediaDecoding(o => o.MaxFrames = 7)
            .BuildServiceProvider();

        Assert.NotNull(provider.GetRequiredService<MediaDecoder>());
        Assert.Equal(7, provider.GetRequiredService<IOptions<MediaOptions>>().Value.MaxFrames);
    }

    [Theory]
    [InlineData("MaxQueryAudioSeconds")]
    [InlineData("MaxConcurrentQueryDecodes")]
    [InlineData("QueryDecodeQueueLength")]
    public void A_query_limit_that_cannot_work_is_refused_naming_the_setting(string setting)
    {
        using var provider = new ServiceCollection()
            .AddMediaDecoding(o =>
            {
                o.MaxQueryAudioSeconds = setting == "MaxQueryAudioSeconds" ? 0 : 60;
                o.MaxConcurrentQueryDecodes = setting == "MaxConcurrentQueryDecodes" ? -1 : 0;
                o.QueryDecodeQueueLength = setting == "QueryDecodeQueueLength" ? -1 : 16;
            })
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<QueryDecodeGate>());

        Assert.Contains($"Media:{setting}", error.Message, StringComparison.Ordinal);
    }
}
