using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace SearchEngine.Ocr.Recognition;

/// <summary>
/// Runs the Tesseract CLI once, under limits: one thread (OMP_THREAD_LIMIT, so parallel runs do not oversubscribe the
/// cores), an address-space and CPU-time limit through util-linux's <c>prlimit</c> where it exists, and a wall-clock
/// timeout after which the process is killed. Returns stdout; a failure is an <see cref="OcrException"/> with the
/// reason.
/// </summary>
internal static class TesseractProcess
{
    private const string Prlimit = "/usr/bin/prlimit";

    public static async Task<string> RunAsync(OcrOptions options, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var limited = File.Exists(Prlimit);
        var start = new ProcessStartInfo(limited ? Prlimit : options.TesseractPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (limited)
        {
            start.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"--as={(long)options.MemoryLimitMegabytes * 1024 * 1024}"));
            start.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"--cpu={(int)Math.Ceiling(options.Timeout.TotalSeconds)}"));
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(options.TesseractPath);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["OMP_THREAD_LIMIT"] = "1";
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new OcrUnavailableException(NotFound(options), e);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            var output = await stdout.ConfigureAwait(false);
            var errors = await stderr.ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                var reason = process.ExitCode == (128 + 9) || process.ExitCode < 0 ? "was killed (its memory or CPU limit)" : $"exited with code {process.ExitCode}";
                var missing = limited && process.ExitCode is 126 or 127 && errors.Contains("failed to execute", StringComparison.Ordinal);
                throw missing ? new OcrUnavailableException(NotFound(options)) : new OcrException($"tesseract {reason}: {LastLines(errors)}");
            }

            return output;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Kill(process);
            throw new OcrException($"tesseract took longer than {options.Timeout.TotalSeconds:0} s and was stopped");
        }
        catch
        {
            Kill(process);
            throw;
        }
    }

    private static string NotFound(OcrOptions options) =>
        $"Tesseract was not found (looked for '{options.TesseractPath}'); install it: apt-get install tesseract-ocr tesseract-ocr-eng, or set Ocr:TesseractPath";

    private static string LastLines(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "no message" : string.Join("; ", lines.TakeLast(3));
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
}
