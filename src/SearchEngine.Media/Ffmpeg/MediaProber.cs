using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace SearchEngine.Media.Ffmpeg;

/// <summary>Runs ffprobe to list a media file's streams and duration.</summary>
public sealed class MediaProber
{
    private readonly MediaOptions _options;
    private readonly ILogger _logger;

    /// <summary>Uses the ffprobe path and timeout from <paramref name="options"/>; ffprobe's messages go to <paramref name="logger"/>.</summary>
    public MediaProber(IOptions<MediaOptions> options, ILogger<MediaProber>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Probes <paramref name="path"/>; throws <see cref="MediaException"/> (stage Probe) when ffprobe cannot read it.</summary>
    public async Task<MediaProbe> ProbeAsync(string path, CancellationToken cancellationToken = default)
    {
        var json = new MemoryStream();
        var (exitCode, stderr) = await FfmpegProcess.RunAsync(
            _options.FfprobePath,
            ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", .. FfmpegInput.Of(path)],
            path,
            MediaStage.Probe,
            _options.ProcessTimeout,
            async (stdout, ct) =>
            {
                await stdout.CopyToAsync(json, ct).ConfigureAwait(false);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw FfmpegLog.Refuse(_logger, "ffprobe", path, MediaStage.Probe, exitCode, stderr,
                "the container could not be read (the file is damaged or not what its header says)");
        }

        try
        {
            return MediaProbe.Parse(Encoding.UTF8.GetString(json.GetBuffer(), 0, (int)json.Length));
        }
        catch (JsonException e)
        {
            throw new MediaException(path, MediaStage.Probe, "the container could not be read (ffprobe's report was not readable)", e);
        }
    }
}
