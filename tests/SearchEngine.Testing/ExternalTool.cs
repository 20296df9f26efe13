using System.Diagnostics;

namespace SearchEngine.Testing;

/// <summary>Runs a command-line tool that tests make their media with (ffmpeg, espeak-ng, sox) to completion.</summary>
public static class ExternalTool
{
    /// <summary>Runs <paramref name="tool"/> with <paramref name="arguments"/>; throws with its error output when it fails.</summary>
    public static void Run(string tool, string arguments)
    {
        var start = new ProcessStartInfo(tool, arguments) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        // Both pipes are drained at once: a tool that fills one while the test waits on the other would never exit.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        _ = stdout.Result;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {arguments} failed ({process.ExitCode}): {stderr}");
        }
    }

    /// <summary>Runs ffmpeg quietly, overwriting <paramref name="output"/>, which follows <paramref name="arguments"/>.</summary>
    public static void Ffmpeg(string arguments, string output) => Run("ffmpeg", $"-nostdin -v error -y {arguments} \"{output}\"");
}
