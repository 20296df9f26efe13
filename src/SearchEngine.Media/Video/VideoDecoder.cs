using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SearchEngine.Core.Media;
using SearchEngine.Media.Audio;
using SearchEngine.Media.Ffmpeg;

namespace SearchEngine.Media.Video;

/// <summary>
/// Takes a video (MP4, MOV, MKV, WebM, AVI, Ogg Theora) apart with ffmpeg: keyframes every
/// <see cref="MediaOptions.FrameIntervalSeconds"/> and at scene changes, as RGB with their times, plus the sound track
/// through <see cref="AudioDecoder"/>, plus the cues of its first text subtitle track (<see cref="SubtitleTrackReader"/>).
/// A video without sound yields frames only.
/// </summary>
public sealed class VideoDecoder
{
    private readonly MediaOptions _options;
    private readonly MediaProber _prober;
    private readonly AudioDecoder _audio;
    private readonly SubtitleTrackReader _subtitles;
    private readonly ILogger _logger;

    /// <summary>Uses the frame, time and tool settings from <paramref name="options"/>; ffmpeg's messages go to <paramref name="logger"/>.</summary>
    public VideoDecoder(IOptions<MediaOptions> options, MediaProber prober, AudioDecoder audio, ILogger<VideoDecoder>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _prober = prober;
        _audio = audio;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _subtitles = new SubtitleTrackReader(_options, _logger);
    }

    /// <summary>
    /// Decodes keyframes and, when present, the audio (resampled to <paramref name="sampleRate"/> Hz, mono). A null
    /// <paramref name="sampleRate"/> leaves the sound undecoded (nothing will embed it). Throws
    /// <see cref="MediaException"/> when the file has neither a video nor an audio stream or cannot be decoded.
    /// </summary>
    public Task<VideoContent> DecodeAsync(string path, int? sampleRate, CancellationToken cancellationToken = default) =>
        DecodeAsync(path, sampleRate, _options.FrameShortSide, cancellationToken);

    /// <summary>
    /// Decodes as <see cref="DecodeAsync(string, int?, CancellationToken)"/> does, with keyframes scaled to
    /// <paramref name="frameShortSide"/> instead of <see cref="MediaOptions.FrameShortSide"/> (reading text in frames
    /// needs more pixels than embedding them); the keyframes chosen, and so their times, are the same at any size.
    /// </summary>
    public async Task<VideoContent> DecodeAsync(string path, int? sampleRate, int frameShortSide, CancellationToken cancellationToken = default)
    {
        MediaFile.CheckReadable(path, _options.MaxFileBytes);
        var probe = await _prober.ProbeAsync(path, cancellationToken).ConfigureAwait(false);
        var video = probe.Video;
        if (video is null && !probe.HasAudio)
        {
            throw new MediaException(path, MediaStage.Probe, "the file has neither a video nor an audio stream");
        }

        if (probe.Duration > _options.MaxAudioSeconds)
        {
            throw new MediaException(path, MediaStage.Probe,
                $"the video lasts {probe.Duration:0} s, over the limit of {_options.MaxAudioSeconds:0} s (Media:MaxAudioSeconds)");
        }

        var frames = video is null ? [] : await DecodeFramesAsync(path, video, frameShortSide, cancellationToken).ConfigureAwait(false);
        var audio = probe.HasAudio && sampleRate is { } rate ? await _audio.DecodeAsync(path, rate, cancellationToken).ConfigureAwait(false) : null;
        var cues = await _subtitles.ReadAsync(path, probe, cancellationToken).ConfigureAwait(false);
        return new VideoContent(frames, audio, probe.Duration) { Cues = cues };
    }

    private async Task<IReadOnlyList<VideoFrame>> DecodeFramesAsync(string path, MediaStream video, int shortSide, CancellationToken cancellationToken)
    {
        if (video.Width <= 0 || video.Height <= 0)
        {
            throw new MediaException(path, MediaStage.Probe, $"the video stream ({video.CodecName}) has no frame size");
        }

        // The decoder allocates whole frames before the scaler shrinks them: refuse huge ones from the header, as images are.
        if ((long)video.Width * video.Height > _options.MaxImagePixels)
        {
            throw new MediaException(path, MediaStage.Probe, string.Create(CultureInfo.InvariantCulture,
                $"the video frames are {video.Width}×{video.Height} ({(long)video.Width * video.Height:N0} pixels), over the limit of {_options.MaxImagePixels:N0} pixels (Media:MaxImagePixels)"));
        }

        var (width, height) = KeyframeFilter.OutputSize(video.Width, video.Height, video.Rotation, shortSide);
        var frameBytes = width * height * 3;
        var images = new List<RgbImage>();
        var (exitCode, stderr) = await FfmpegProcess.RunAsync(
            _options.FfmpegPath,
            [
                "-nostdin", "-hide_banner", "-v", "error", .. FfmpegInput.Of(path),
                "-map", "0:v:0", "-an", "-sn", "-dn",
                "-vf", KeyframeFilter.Build(_options.FrameIntervalSeconds, _options.SceneChangeThreshold, width, height, "/dev/stderr"),
                "-fps_mode", "vfr", "-frames:v", _options.MaxFrames.ToString(CultureInfo.InvariantCulture),
                "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1",
            ],
            path,
            MediaStage.Decode,
            _options.ProcessTimeout,
            async (stdout, ct) =>
            {
                while (images.Count < _options.MaxFrames)
                {
                    var pixels = new byte[frameBytes];
                    var read = await stdout.ReadAtLeastAsync(pixels, frameBytes, throwOnEndOfStream: false, ct).ConfigureAwait(false);
                    if (read < frameBytes)
                    {
                        break;
                    }

                    images.Add(new RgbImage(width, height, pixels));
                }

                return true;
            },
            cancellationToken).ConfigureAwait(false);

        if (exitCode != 0 || images.Count == 0)
        {
            var errors = string.Join('\n', stderr.Split('\n').Where(l => !l.StartsWith("frame:", StringComparison.Ordinal) && !l.StartsWith("lavfi.", StringComparison.Ordinal)));
            throw FfmpegLog.Refuse(_logger, "ffmpeg", path, MediaStage.Decode, exitCode, errors,
                "the video frames could not be decoded (the file is damaged or not what its header says)");
        }

        var times = KeyframeFilter.ParseTimes(stderr);
        var frames = new VideoFrame[images.Count];
        for (var i = 0; i < frames.Length; i++)
        {
            // The print-out has one line per frame; should it ever fall short, keep times increasing by the interval.
            var time = i < times.Count ? times[i] : (i == 0 ? 0 : frames[i - 1].Time + _options.FrameIntervalSeconds);
            frames[i] = new VideoFrame(time, images[i]);
        }

        return frames;
    }
}
