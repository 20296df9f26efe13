using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace SearchEngine.Media.Ffmpeg;

/// <summary>Runs ffprobe to list a media file's streams and duration.</summary>
public sealed class MediaProber
{
    private readonly MediaOptions _options;

    /// <summary>Uses the ffprobe path and timeout from <paramref name="options"/>.</summary>
    public MediaProber(IOptions<MediaOptions> options) => _options = options.Value;

    /// <summary>Probes <paramref name="path"/>; throws <see cref="MediaException"/> (stage Probe) when ffprobe cannot read it.</summary>
    public async Task<MediaProbe> ProbeAsync(string path, CancellationToken cancellationToken = default)
    {
        var json = new MemoryStream();
        var (exitCode, stderr) = await FfmpegProcess.RunAsync(
            _options.FfprobePath,
            ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", "-i", FfmpegInput.Of(path)],
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
            throw new MediaException(path, MediaStage.Probe,
                $"ffprobe could not read it: {FfmpegProcess.Summarize(stderr, $"exit code {exitCode}")}");
        }

        try
        {
            return MediaProbe.Parse(Encoding.UTF8.GetString(json.GetBuffer(), 0, (int)json.Length));
        }
        catch (JsonException e)
        {
            throw new MediaException(path, MediaStage.Probe, $"ffprobe gave output that is not JSON: {e.Message}", e);
        }
    }
}
