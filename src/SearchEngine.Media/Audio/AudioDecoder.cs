using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using SearchEngine.Core.Media;
using SearchEngine.Media.Ffmpeg;

namespace SearchEngine.Media.Audio;

/// <summary>
/// Decodes the sound of any file ffmpeg reads (WAV of any PCM or float depth, FLAC, MP3, Ogg Vorbis/Opus, AAC, and
/// the audio track of videos) to mono float samples at the sample rate a tower asks for.
/// </summary>
public sealed class AudioDecoder
{
    private readonly MediaOptions _options;

    /// <summary>Uses the ffmpeg path, timeout and duration limit from <paramref name="options"/>.</summary>
    public AudioDecoder(IOptions<MediaOptions> options) => _options = options.Value;

    /// <summary>
    /// Decodes <paramref name="path"/> resampled to <paramref name="sampleRate"/> Hz and mixed to mono. Throws
    /// <see cref="MediaException"/> for a file with no audio stream, no samples, audio longer than
    /// <see cref="MediaOptions.MaxAudioSeconds"/>, or content ffmpeg cannot decode.
    /// </summary>
    public async Task<AudioClip> DecodeAsync(string path, int sampleRate, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1000);
        MediaFile.CheckReadable(path, _options.MaxFileBytes);
        var maxSamples = (long)Math.Ceiling(_options.MaxAudioSeconds * sampleRate);
        var samples = new SampleBuffer();
        var tooLong = false;

        var (exitCode, stderr) = await FfmpegProcess.RunAsync(
            _options.FfmpegPath,
            [
                "-nostdin", "-hide_banner", "-v", "error", "-i", FfmpegInput.Of(path),
                "-map", "0:a:0", "-vn", "-sn", "-dn", "-ac", "1", "-ar", sampleRate.ToString(CultureInfo.InvariantCulture),
                "-f", "f32le", "-c:a", "pcm_f32le", "pipe:1",
            ],
            path,
            MediaStage.Decode,
            _options.ProcessTimeout,
            async (stdout, ct) =>
            {
                tooLong = !await samples.ReadAsync(stdout, maxSamples, ct).ConfigureAwait(false);
                return !tooLong;
            },
            cancellationToken).ConfigureAwait(false);

        if (tooLong)
        {
            throw new MediaException(path, MediaStage.Decode,
                $"the audio is longer than the limit of {_options.MaxAudioSeconds:0.#} s (Media:MaxAudioSeconds)");
        }

        if (exitCode != 0)
        {
            throw new MediaException(path, MediaStage.Decode, ExplainFailure(stderr, exitCode));
        }

        if (samples.Count == 0)
        {
            throw new MediaException(path, MediaStage.Decode, "the audio is empty (it decodes to zero samples)");
        }

        return new AudioClip(samples.ToArray(), sampleRate);
    }

    private static string ExplainFailure(string stderr, int exitCode)
    {
        if (stderr.Contains("matches no streams", StringComparison.Ordinal)
            || stderr.Contains("does not contain any stream", StringComparison.Ordinal))
        {
            return "the file has no audio stream";
        }

        return $"ffmpeg could not decode the audio: {FfmpegProcess.Summarize(stderr, $"exit code {exitCode}")}";
    }

    /// <summary>Collects little-endian float32 samples from a pipe without per-read allocations.</summary>
    private sealed class SampleBuffer
    {
        private float[] _samples = new float[1 << 16];

        public int Count { get; private set; }

        /// <summary>Reads until the end of the stream; false when it holds more than <paramref name="maxSamples"/>.</summary>
        public async Task<bool> ReadAsync(Stream stream, long maxSamples, CancellationToken cancellationToken)
        {
            var chunk = new byte[1 << 16];
            var pending = 0;
            int read;
            while ((read = await stream.ReadAsync(chunk.AsMemory(pending), cancellationToken).ConfigureAwait(false)) > 0)
            {
                var available = pending + read;
                var whole = available / sizeof(float);
                if (Count + (long)whole > maxSamples)
                {
                    return false;
                }

                Append(MemoryMarshal.Cast<byte, float>(chunk.AsSpan(0, whole * sizeof(float))));
                pending = available - (whole * sizeof(float));
                chunk.AsSpan(whole * sizeof(float), pending).CopyTo(chunk);
            }

            return true;
        }

        public float[] ToArray() => _samples.AsSpan(0, Count).ToArray();

        private void Append(ReadOnlySpan<float> values)
        {
            if (Count + values.Length > _samples.Length)
            {
                Array.Resize(ref _samples, Math.Max(_samples.Length * 2, Count + values.Length));
            }

            values.CopyTo(_samples.AsSpan(Count));
            Count += values.Length;
        }
    }
}
