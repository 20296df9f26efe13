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
        await foreach (var result in MediaDecoder.Create().DecodeAllAsync(files))
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

        // Whole clips, not windows: the audio tower that embeds them cuts its own windows.
        var audio = Assert.IsType<DecodedAudio>(results[3].Media);
        Assert.Equal(3.0, audio.Clip.Duration, 2);

        var video = Assert.IsType<DecodedVideo>(results[8].Media);
        Assert.Equal(4, video.Video.Frames.Count);
        Assert.InRange(video.Video.Audio!.Duration, 6.9, 7.1);
        Assert.NotNull(video.Thumbnail);
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
        await foreach (var result in decoder.DecodeAllAsync(files))
        {
            alone.Add(result);
        }

        var together = await decoder.DecodeManyAsync(files);

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

        var media = await MediaDecoder.Create().DecodeAsync(path);

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
}
