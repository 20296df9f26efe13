using SearchEngine.Core.Media;
using SearchEngine.Media.Audio;
using SearchEngine.Testing;

namespace SearchEngine.Media.Tests;

public class AudioDecoderTests
{
    private readonly AudioDecoder _decoder = new(SampleMedia.Options());

    [Theory]
    [InlineData("pcm_u8", "wav")]
    [InlineData("pcm_s16le", "wav")]
    [InlineData("pcm_s24le", "wav")]
    [InlineData("pcm_s32le", "wav")]
    [InlineData("pcm_f32le", "wav")]
    [InlineData("flac", "flac")]
    [InlineData("libmp3lame", "mp3")]
    [InlineData("libopus", "opus")]
    [InlineData("libvorbis", "ogg")]
    public async Task Decodes_a_stereo_44k_sine_to_mono_16k(string codec, string extension)
    {
        var path = SampleMedia.Ffmpeg($"sine-{codec}.{extension}",
            $"-f lavfi -i sine=frequency=440:duration=1:sample_rate=44100 -ac 2 -c:a {codec}");

        var clip = await _decoder.DecodeAsync(path, 16_000);

        Assert.Equal(16_000, clip.SampleRate);
        Assert.InRange(clip.Samples.Length, 15_500, 16_800); // encoders pad a little
        Assert.InRange(DominantFrequency(clip), 420, 460);
    }

    [Fact]
    public async Task Decodes_shared_opus_and_flac_at_a_towers_rate()
    {
        var opus = Directory.EnumerateFiles(SharedFiles.Require("datasets/urbansound8k/fold2"), "*.opus").First();
        var flac = SharedFiles.Require("datasets/fsdd/recordings/0_jackson_0.flac");

        var urban = await _decoder.DecodeAsync(opus, 16_000);
        var digit = await _decoder.DecodeAsync(flac, 22_050);

        Assert.Equal(4.0, urban.Duration, 2);
        Assert.Equal(22_050, digit.SampleRate);
        Assert.True(digit.Samples.Max(Math.Abs) > 0.05f, "a spoken digit is not silence");
    }

    [Fact]
    public async Task Long_audio_keeps_its_timing_at_CLAPs_rate()
    {
        // 12 s: a 440 Hz tone for 6 s then 880 Hz. Window times are sample positions over the rate, so sample
        // positions must be true times: 1–3 s holds the lower tone, 7–9 s the higher.
        var path = SampleMedia.Ffmpeg("two-tones-12s.flac",
            "-f lavfi -i sine=frequency=440:duration=6 -f lavfi -i sine=frequency=880:duration=6 -filter_complex [0][1]concat=n=2:v=0:a=1");

        var clip = await _decoder.DecodeAsync(path, 48_000);

        Assert.Equal((48_000, 12.0), (clip.SampleRate, Math.Round(clip.Duration, 2)));
        Assert.InRange(DominantFrequency(new AudioClip(clip.Samples[48_000..144_000], 48_000)), 420, 460);
        Assert.InRange(DominantFrequency(new AudioClip(clip.Samples[336_000..432_000], 48_000)), 850, 910);
    }

    [Fact]
    public async Task Decodes_speech_made_by_espeak_and_noise_made_by_sox()
    {
        var speech = SampleMedia.Tool("speech.wav", "espeak-ng", "-w {out} \"a dog barks at the postman\"");
        var noise = SampleMedia.Tool("noise.wav", "sox", "-n -r 22050 -c 1 {out} synth 0.5 pinknoise");

        var spoken = await _decoder.DecodeAsync(speech, 16_000);
        var pink = await _decoder.DecodeAsync(noise, 16_000);

        Assert.True(spoken.Duration > 0.8, $"speech lasts {spoken.Duration} s");
        Assert.True(spoken.Samples.Max(Math.Abs) > 0.05f);
        Assert.Equal(0.5, pink.Duration, 2);
    }

    [Fact]
    public async Task Many_files_decode_in_one_process_exactly_as_one_by_one()
    {
        var files = new[]
        {
            SampleMedia.Sine16Wav,
            SampleMedia.Ffmpeg("sine-many.flac", "-f lavfi -i sine=frequency=880:duration=1.5:sample_rate=22050 -c:a flac"),
            SampleMedia.Tool("noise-many.wav", "sox", "-n -r 8000 -c 1 {out} synth 0.7 pinknoise"),
            SampleMedia.Mp4WithAudio,
        };

        // ffmpeg behind a wrapper that counts its runs: the batch must take exactly one.
        var runs = Path.Combine(SampleMedia.Folder, $"ffmpeg-runs-{Guid.NewGuid():N}.log");
        var wrapper = SampleMedia.Make($"counting-ffmpeg-{Guid.NewGuid():N}.sh", path =>
        {
            File.WriteAllText(path, $"#!/bin/sh\necho run >> '{runs}'\nexec ffmpeg \"$@\"\n");
            SampleMedia.Run("chmod", $"+x {path}");
        });
        var counted = new AudioDecoder(SampleMedia.Options(o => o.FfmpegPath = wrapper));

        var together = await counted.DecodeManyAsync(files, 16_000);

        Assert.Single(File.ReadAllLines(runs));
        Assert.Equal(files, together.Select(r => r.Path));
        for (var i = 0; i < files.Length; i++)
        {
            var alone = await _decoder.DecodeAsync(files[i], 16_000);
            Assert.Equal(alone.Samples, together[i].GetClip().Samples);
        }
    }

    [Fact]
    public async Task A_bad_file_in_a_batch_fails_alone_with_its_own_reason()
    {
        var files = new[]
        {
            SampleMedia.Sine16Wav,
            SampleMedia.Bytes("corrupt-many.flac", [.. "fLaC"u8.ToArray(), .. SampleMedia.RandomBytesOf(3000, seed: 12)]),
            SampleMedia.Ffmpeg("silent-many.mp4", "-f lavfi -i testsrc=size=64x48:duration=1 -pix_fmt yuv420p"),
            SampleMedia.Bytes("zero-many.wav", []),
            SampleMedia.Ffmpeg("sine-after.wav", "-f lavfi -i sine=frequency=440:duration=1 -c:a pcm_s16le"),
        };

        var results = await _decoder.DecodeManyAsync(files, 16_000);

        Assert.Equal([true, false, false, false, true], results.Select(r => r.Clip is not null));
        Assert.Equal("the audio stream could not be decoded (the file is damaged or not what its header says)", results[1].Error!.Reason);
        Assert.Contains("no audio stream", results[2].Error!.Reason, StringComparison.Ordinal);
        Assert.Contains("0 bytes", results[3].Error!.Reason, StringComparison.Ordinal);
        Assert.Equal(files[1], Assert.Throws<MediaException>(() => results[1].GetClip()).FilePath);
        Assert.InRange(results[4].GetClip().Duration, 0.99, 1.01);
    }

    [Fact]
    public async Task A_batch_applies_the_duration_limit_to_each_file()
    {
        var strict = new AudioDecoder(SampleMedia.Options(o => o.MaxAudioSeconds = 2));
        var shortClip = SampleMedia.Ffmpeg("sine-1s.wav", "-f lavfi -i sine=frequency=440:duration=1 -c:a pcm_s16le");

        var results = await strict.DecodeManyAsync([SampleMedia.Sine16Wav, shortClip], 16_000);

        Assert.Contains("longer than the limit of 2 s", results[0].Error!.Reason, StringComparison.Ordinal);
        Assert.NotNull(results[1].Clip);
    }

    [Fact]
    public async Task A_wav_with_no_samples_is_rejected_as_empty()
    {
        var empty = SampleMedia.Ffmpeg("zero-samples.wav", "-f lavfi -i anullsrc=sample_rate=16000 -t 0 -c:a pcm_s16le");

        var error = await Assert.ThrowsAsync<MediaException>(() => _decoder.DecodeAsync(empty, 16_000));

        Assert.Contains("empty", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zero_byte_file_is_rejected_before_running_ffmpeg()
    {
        var error = await Assert.ThrowsAsync<MediaException>(() => _decoder.DecodeAsync(SampleMedia.Bytes("zero.wav", []), 16_000));

        Assert.Equal(MediaStage.Sniff, error.Stage);
        Assert.Contains("0 bytes", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_flac_is_rejected_with_a_fixed_reason_that_quotes_nothing_of_ffmpeg()
    {
        var corrupt = SampleMedia.Bytes("corrupt.flac", [.. "fLaC"u8.ToArray(), .. SampleMedia.RandomBytesOf(3000, seed: 11)]);

        var error = await Assert.ThrowsAsync<MediaException>(() => _decoder.DecodeAsync(corrupt, 16_000));

        // ffmpeg's stderr (paths, the file's own content) goes to the log; the reason, which reaches clients, is fixed.
        Assert.True(error.Stage is MediaStage.Decode or MediaStage.Probe, error.Stage.ToString());
        Assert.StartsWith("the audio stream could not be decoded", error.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(corrupt, error.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("file:", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_video_without_sound_has_no_audio_stream()
    {
        var silent = SampleMedia.Ffmpeg("silent-film.mp4", "-f lavfi -i testsrc=size=64x48:duration=1 -pix_fmt yuv420p");

        var error = await Assert.ThrowsAsync<MediaException>(() => _decoder.DecodeAsync(silent, 16_000));

        Assert.Contains("no audio stream", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audio_over_the_duration_limit_is_rejected()
    {
        var strict = new AudioDecoder(SampleMedia.Options(o => o.MaxAudioSeconds = 1));

        var error = await Assert.ThrowsAsync<MediaException>(() => strict.DecodeAsync(SampleMedia.Sine16Wav, 16_000));

        Assert.Contains("longer than the limit of 1 s", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_ffmpeg_says_how_to_install_it()
    {
        var noTool = new AudioDecoder(SampleMedia.Options(o => o.FfmpegPath = "/nonexistent/ffmpeg"));

        var error = await Assert.ThrowsAsync<MediaException>(() => noTool.DecodeAsync(SampleMedia.Sine16Wav, 16_000));

        Assert.Contains("apt-get install ffmpeg", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hung_decode_is_stopped_at_the_timeout()
    {
        var impatient = new AudioDecoder(SampleMedia.Options(o => o.ProcessTimeout = TimeSpan.FromMilliseconds(1)));

        var error = await Assert.ThrowsAsync<MediaException>(() => impatient.DecodeAsync(SampleMedia.Sine16Wav, 16_000));

        Assert.Contains("took longer than", error.Reason, StringComparison.Ordinal);
    }

    /// <summary>Frequency from the zero-crossing rate: exact enough to tell 440 Hz survived resampling and mixing.</summary>
    internal static double DominantFrequency(AudioClip clip)
    {
        var crossings = 0;
        var body = clip.Samples.AsSpan(clip.SampleRate / 10, clip.Samples.Length - (clip.SampleRate / 5));
        for (var i = 1; i < body.Length; i++)
        {
            if ((body[i - 1] < 0) != (body[i] < 0))
            {
                crossings++;
            }
        }

        return crossings / 2.0 / ((double)body.Length / clip.SampleRate);
    }
}
