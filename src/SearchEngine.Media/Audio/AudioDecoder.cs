using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
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
    private const string Empty = "the audio is empty (it decodes to zero samples)";

    private const string Undecodable = "the audio stream could not be decoded (the file is damaged or not what its header says)";

    private readonly MediaOptions _options;
    private readonly ILogger _logger;

    /// <summary>Uses the ffmpeg path, timeout and duration limits from <paramref name="options"/>; ffmpeg's messages go to <paramref name="logger"/>.</summary>
    public AudioDecoder(IOptions<MediaOptions> options, ILogger<AudioDecoder>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>
    /// Decodes <paramref name="path"/> resampled to <paramref name="sampleRate"/> Hz and mixed to mono. Throws
    /// <see cref="MediaException"/> for a file with no audio stream, no samples, audio longer than
    /// <see cref="MediaOptions.MaxAudioSeconds"/>, or content ffmpeg cannot decode.
    /// </summary>
    public Task<AudioClip> DecodeAsync(string path, int sampleRate, CancellationToken cancellationToken = default) =>
        DecodeWithinAsync(path, sampleRate, _options.MaxAudioSeconds, "Media:MaxAudioSeconds", cancellationToken);

    /// <summary>
    /// Decodes the sound of a query upload as <see cref="DecodeAsync(string, int, CancellationToken)"/> does, under
    /// <see cref="MediaOptions.MaxQueryAudioSeconds"/>: ffmpeg stops just past the limit and the sample buffer never
    /// grows beyond it, so a tiny file of hours of silence costs what a minute does. Longer sound is refused (422)
    /// with the limit named.
    /// </summary>
    public Task<AudioClip> DecodeQueryAsync(string path, int sampleRate, CancellationToken cancellationToken = default) =>
        DecodeWithinAsync(path, sampleRate, _options.MaxQueryAudioSeconds, "Media:MaxQueryAudioSeconds", cancellationToken);

    private async Task<AudioClip> DecodeWithinAsync(string path, int sampleRate, double maxSeconds, string limitName, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1000);
        MediaFile.CheckReadable(path, _options.MaxFileBytes);
        var maxSamples = (long)Math.Ceiling(maxSeconds * sampleRate);
        var samples = new SampleBuffer(maxSamples);
        var tooLong = false;

        var (exitCode, stderr) = await FfmpegProcess.RunAsync(
            _options.FfmpegPath,
            [
                "-nostdin", "-hide_banner", "-v", "error", .. FfmpegInput.Of(path),
                "-map", "0:a:0", "-vn", "-sn", "-dn", "-ac", "1", "-ar", sampleRate.ToString(CultureInfo.InvariantCulture),
                // ffmpeg itself stops a second past the limit: enough to tell "longer" from "exactly the limit".
                "-t", (maxSeconds + 1).ToString("0.###", CultureInfo.InvariantCulture),
                "-f", "f32le", "-c:a", "pcm_f32le", "pipe:1",
            ],
            path,
            MediaStage.Decode,
            _options.ProcessTimeout,
            async (stdout, ct) =>
            {
                tooLong = !await samples.ReadAsync(stdout, ct).ConfigureAwait(false);
                return !tooLong;
            },
            cancellationToken).ConfigureAwait(false);

        if (tooLong)
        {
            throw new MediaException(path, MediaStage.Decode, TooLong(maxSeconds, limitName));
        }

        if (exitCode != 0)
        {
            throw FfmpegLog.Refuse(_logger, "ffmpeg", path, MediaStage.Decode, exitCode, stderr, ExplainFailure(stderr));
        }

        if (samples.Count == 0)
        {
            throw new MediaException(path, MediaStage.Decode, Empty);
        }

        return new AudioClip(samples.ToArray(), sampleRate);
    }

    /// <summary>
    /// Decodes several files with ONE ffmpeg process (an input and a raw output per file), with the same conversion,
    /// checks and errors as <see cref="DecodeAsync"/>. Why: for short clips, starting ffmpeg costs far more than
    /// decoding (≈0.1–0.2 s of CPU per process against milliseconds of decoding). When the batch fails (one damaged
    /// file, or one without sound, fails the whole process) every file is decoded on its own, so only the bad ones fail,
    /// each with its own reason. Results are in input order. Outputs pass through temporary files, so callers batch only
    /// files of modest size and decode long recordings with <see cref="DecodeAsync"/>.
    /// </summary>
    public async Task<AudioDecodeResult[]> DecodeManyAsync(IReadOnlyList<string> paths, int sampleRate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1000);
        var results = new AudioDecodeResult[paths.Count];
        var readable = new List<int>(paths.Count);
        for (var i = 0; i < paths.Count; i++)
        {
            try
            {
                MediaFile.CheckReadable(paths[i], _options.MaxFileBytes);
                readable.Add(i);
            }
            catch (MediaException e)
            {
                results[i] = new AudioDecodeResult(paths[i], null, e);
            }
        }

        if (readable.Count > 1 && await TryDecodeTogetherAsync(paths, readable, sampleRate, results, cancellationToken).ConfigureAwait(false))
        {
            return results;
        }

        foreach (var i in readable)
        {
            try
            {
                results[i] = new AudioDecodeResult(paths[i], await DecodeAsync(paths[i], sampleRate, cancellationToken).ConfigureAwait(false), null);
            }
            catch (MediaException e)
            {
                results[i] = new AudioDecodeResult(paths[i], null, e);
            }
        }

        return results;
    }

    private async Task<bool> TryDecodeTogetherAsync(
        IReadOnlyList<string> paths, List<int> batch, int sampleRate, AudioDecodeResult[] results, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("searchengine-audio-");
        try
        {
            try
            {
                var rate = sampleRate.ToString(CultureInfo.InvariantCulture);
                var limit = (_options.MaxAudioSeconds + 1).ToString("0.###", CultureInfo.InvariantCulture);
                var arguments = new List<string> { "-nostdin", "-hide_banner", "-v", "error" };
                foreach (var i in batch)
                {
                    arguments.AddRange(FfmpegInput.Of(paths[i]));
                }

                for (var input = 0; input < batch.Count; input++)
                {
                    arguments.AddRange(["-map", $"{input}:a:0", "-vn", "-sn", "-dn", "-ac", "1", "-ar", rate, "-t", limit, "-f", "f32le", "-c:a", "pcm_f32le"]);
                    arguments.Add(Path.Combine(folder.FullName, $"{input}.raw"));
                }

                var (exitCode, _) = await FfmpegProcess.RunAsync(
                    _options.FfmpegPath, arguments, paths[batch[0]], MediaStage.Decode, _options.ProcessTimeout * batch.Count,
                    static (_, _) => Task.FromResult(true), cancellationToken).ConfigureAwait(false);
                if (exitCode != 0)
                {
                    return false;
                }
            }
            catch (MediaException)
            {
                return false; // a timeout, a missing ffmpeg or content it may not read: the files one by one say it in their own names
            }

            var maxBytes = (long)Math.Ceiling(_options.MaxAudioSeconds * sampleRate) * sizeof(float);
            for (var input = 0; input < batch.Count; input++)
            {
                var path = paths[batch[input]];
                var raw = new FileInfo(Path.Combine(folder.FullName, $"{input}.raw"));
                results[batch[input]] = raw.Length > maxBytes
                    ? new AudioDecodeResult(path, null, new MediaException(path, MediaStage.Decode, TooLong(_options.MaxAudioSeconds, "Media:MaxAudioSeconds")))
                    : raw.Length < sizeof(float)
                        ? new AudioDecodeResult(path, null, new MediaException(path, MediaStage.Decode, Empty))
                        : new AudioDecodeResult(path, new AudioClip(MemoryMarshal.Cast<byte, float>(await File.ReadAllBytesAsync(raw.FullName, cancellationToken).ConfigureAwait(false)).ToArray(), sampleRate), null);
            }

            return true;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string TooLong(double seconds, string limitName) =>
        string.Create(CultureInfo.InvariantCulture, $"the audio is longer than the limit of {seconds:0.#} s ({limitName}); use a shorter clip");

    private static string ExplainFailure(string stderr) =>
        stderr.Contains("matches no streams", StringComparison.Ordinal) || stderr.Contains("does not contain any stream", StringComparison.Ordinal)
            ? "the file has no audio stream"
            : Undecodable;

    /// <summary>Collects little-endian float32 samples from a pipe without per-read allocations.</summary>
    private sealed class SampleBuffer(long maxSamples)
    {
        // Never larger than the limit: a file claiming hours of sound cannot make the buffer double past what is allowed.
        private float[] _samples = new float[(int)Math.Min(1 << 16, Math.Max(1, maxSamples))];

        public int Count { get; private set; }

        /// <summary>Reads until the end of the stream; false (and it stops reading) when it holds more than the limit.</summary>
        public async Task<bool> ReadAsync(Stream stream, CancellationToken cancellationToken)
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
                Array.Resize(ref _samples, (int)Math.Min(maxSamples, Math.Max(_samples.Length * 2L, Count + values.Length)));
            }

            values.CopyTo(_samples.AsSpan(Count));
            Count += values.Length;
        }
    }
}
