using System.Globalization;
using System.Text.Json;

namespace SearchEngine.Media.Ffmpeg;

/// <summary>What ffprobe reports about one stream of a media file.</summary>
/// <param name="Index">The stream index in the container.</param>
/// <param name="CodecType"><c>video</c>, <c>audio</c>, <c>subtitle</c>, <c>data</c>, …</param>
/// <param name="CodecName">The codec (<c>h264</c>, <c>opus</c>, <c>png</c>, …).</param>
/// <param name="Width">Frame width for video streams.</param>
/// <param name="Height">Frame height for video streams.</param>
/// <param name="Rotation">Display rotation in degrees (from the display matrix), 0 when none.</param>
/// <param name="IsAttachedPicture">True for cover art stored as a one-frame video stream.</param>
public sealed record MediaStream(int Index, string CodecType, string CodecName, int Width, int Height, int Rotation, bool IsAttachedPicture);

/// <summary>The container-level facts ffprobe reports about a media file.</summary>
/// <param name="FormatName">ffmpeg's demuxer name(s), e.g. <c>mov,mp4,m4a,3gp,3g2,mj2</c>.</param>
/// <param name="Duration">Duration in seconds, when the container states it.</param>
/// <param name="Streams">All streams in container order.</param>
public sealed record MediaProbe(string FormatName, double? Duration, IReadOnlyList<MediaStream> Streams)
{
    /// <summary>The first real video stream (cover art excluded), if any.</summary>
    public MediaStream? Video => Streams.FirstOrDefault(s => s.CodecType == "video" && !s.IsAttachedPicture);

    /// <summary>Whether the file has at least one audio stream.</summary>
    public bool HasAudio => Streams.Any(s => s.CodecType == "audio");

    /// <summary>Parses the output of <c>ffprobe -print_format json -show_format -show_streams</c>.</summary>
    public static MediaProbe Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var streams = new List<MediaStream>();
        if (root.TryGetProperty("streams", out var list))
        {
            foreach (var s in list.EnumerateArray())
            {
                streams.Add(new MediaStream(
                    Int(s, "index"),
                    Str(s, "codec_type"),
                    Str(s, "codec_name"),
                    Int(s, "width"),
                    Int(s, "height"),
                    RotationOf(s),
                    s.TryGetProperty("disposition", out var d) && Int(d, "attached_pic") == 1));
            }
        }

        double? duration = null;
        var formatName = string.Empty;
        if (root.TryGetProperty("format", out var format))
        {
            formatName = Str(format, "format_name");
            if (double.TryParse(Str(format, "duration"), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                duration = seconds;
            }
        }

        return new MediaProbe(formatName, duration, streams);
    }

    private static int RotationOf(JsonElement stream)
    {
        if (stream.TryGetProperty("side_data_list", out var sideData))
        {
            foreach (var item in sideData.EnumerateArray())
            {
                if (item.TryGetProperty("rotation", out var rotation) && rotation.TryGetInt32(out var degrees))
                {
                    return degrees;
                }
            }
        }

        return stream.TryGetProperty("tags", out var tags) && int.TryParse(Str(tags, "rotate"), out var rotate) ? rotate : 0;
    }

    private static string Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : string.Empty;

    private static int Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : 0;
}
