using System.Diagnostics;
using System.Runtime.InteropServices;

namespace SearchEngine.Benchmarks.Fingerprints;

/// <summary>Runs ffmpeg and espeak-ng, the two tools that make and distort the fingerprint corpus.</summary>
internal static class MediaCommand
{
    /// <summary>Runs <paramref name="tool"/> and throws with its error output when it fails.</summary>
    public static void Run(string tool, params IReadOnlyList<string> arguments) => Capture(tool, arguments);

    /// <summary>ffmpeg with the flags every call here wants: quiet, no stdin, overwrite.</summary>
    public static void Ffmpeg(params IReadOnlyList<string> arguments) =>
        Run("ffmpeg", ["-hide_banner", "-loglevel", "error", "-nostdin", "-y", .. arguments]);

    /// <summary>Decodes the sound of <paramref name="path"/> (any container ffmpeg reads) to mono float samples at <paramref name="sampleRate"/>.</summary>
    public static float[] DecodeMono(string path, int sampleRate) => DecodeMono(["-i", path], sampleRate);

    /// <summary>Decodes what <paramref name="input"/> (ffmpeg input options ending in -i) names to mono float samples.</summary>
    public static float[] DecodeMono(IReadOnlyList<string> input, int sampleRate)
    {
        var bytes = Capture("ffmpeg", ["-hide_banner", "-loglevel", "error", "-nostdin", .. input, "-vn", "-ac", "1",
            "-ar", sampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture), "-f", "f32le", "-"]);
        return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
    }

    private static byte[] Capture(string tool, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {tool}");
        // Error output is read concurrently so a chatty tool cannot block on a full pipe while we read its output.
        var error = process.StandardError.ReadToEndAsync();
        using var output = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Result.Trim()}");
        }

        return output.ToArray();
    }
}
