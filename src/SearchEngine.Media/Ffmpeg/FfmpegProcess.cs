using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace SearchEngine.Media.Ffmpeg;

/// <summary>
/// Runs ffmpeg or ffprobe on one file: stdout is handed to a reader as it arrives, stderr is collected (it becomes the
/// error reason), and the run is killed after a timeout, when the caller cancels, or when the reader has seen enough.
/// </summary>
internal static class FfmpegProcess
{
    private const int MaxStderrChars = 256 * 1024;

    /// <summary>
    /// Runs <paramref name="executable"/> and returns its exit code and stderr. <paramref name="readStdout"/> returns
    /// false when it wants no more output; the process is then stopped at once rather than left decoding to the end.
    /// </summary>
    public static async Task<(int ExitCode, string Stderr)> RunAsync(
        string executable,
        IEnumerable<string> arguments,
        string mediaPath,
        MediaStage stage,
        TimeSpan timeout,
        Func<Stream, CancellationToken, Task<bool>> readStdout,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            var tool = Path.GetFileName(executable);
            throw new MediaException(mediaPath, stage,
                $"{tool} was not found (looked for '{executable}'); install ffmpeg: apt-get install ffmpeg, or set Media:{(tool.Contains("probe", StringComparison.Ordinal) ? "FfprobePath" : "FfmpegPath")}", e);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var stderr = ReadCappedAsync(process.StandardError, deadline.Token);
        try
        {
            if (!await readStdout(process.StandardOutput.BaseStream, deadline.Token).ConfigureAwait(false))
            {
                Kill(process);
            }
            else
            {
                // Drain anything after what the reader wanted, so the tool is never blocked on a full pipe.
                await process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, deadline.Token).ConfigureAwait(false);
            }

            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            return (process.ExitCode, await stderr.ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Kill(process);
            throw new MediaException(mediaPath, stage, $"{Path.GetFileName(executable)} took longer than {timeout.TotalSeconds:0} s and was stopped");
        }
        catch
        {
            Kill(process);
            throw;
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
    }

    private static async Task<string> ReadCappedAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (text.Length < MaxStderrChars)
            {
                text.Append(buffer, 0, Math.Min(read, MaxStderrChars - text.Length));
            }
        }

        return text.ToString();
    }

    /// <summary>The last few meaningful lines of ffmpeg's stderr, as one line, for an error reason.</summary>
    public static string Summarize(string stderr, string fallback)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? fallback : string.Join("; ", lines.TakeLast(3));
    }
}
