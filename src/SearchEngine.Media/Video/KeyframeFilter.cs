using System.Globalization;

namespace SearchEngine.Media.Video;

/// <summary>
/// The ffmpeg filter chain that picks keyframes: the first frame, then a frame whenever the interval has passed since
/// the last pick or the scene changes; scaled to the frame size; with each picked frame's time printed as metadata.
/// </summary>
internal static class KeyframeFilter
{
    public static string Build(double intervalSeconds, double sceneThreshold, int width, int height, string timesFile)
    {
        var interval = intervalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        var scene = sceneThreshold.ToString("0.###", CultureInfo.InvariantCulture);
        return $"select='isnan(prev_selected_t)+gte(t-prev_selected_t,{interval})+gt(scene,{scene})'," +
               $"scale={width}:{height}:flags=area,metadata=mode=print:file={timesFile}";
    }

    /// <summary>The output size: the displayed (rotation-corrected) size shrunk so the short side is at most <paramref name="shortSide"/>.</summary>
    public static (int Width, int Height) OutputSize(int width, int height, int rotation, int shortSide)
    {
        if (Math.Abs(rotation) % 180 == 90)
        {
            (width, height) = (height, width);
        }

        var scale = Math.Min(1.0, (double)shortSide / Math.Min(width, height));
        return (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }

    /// <summary>Reads the <c>pts_time</c> of each frame from the metadata filter's print-out, in order.</summary>
    public static List<double> ParseTimes(string printout)
    {
        var times = new List<double>();
        foreach (var line in printout.Split('\n'))
        {
            if (!line.StartsWith("frame:", StringComparison.Ordinal))
            {
                continue;
            }

            var at = line.IndexOf("pts_time:", StringComparison.Ordinal);
            if (at >= 0 && double.TryParse(line.AsSpan(at + "pts_time:".Length).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var time))
            {
                times.Add(time);
            }
        }

        return times;
    }
}
