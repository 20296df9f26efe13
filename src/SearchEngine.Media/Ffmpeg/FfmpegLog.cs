using Microsoft.Extensions.Logging;

namespace SearchEngine.Media.Ffmpeg;

/// <summary>
/// ffmpeg's own words about a failure go to the log only: they quote paths, playlist entries and the file's content,
/// none of which a web client may see. Clients get a fixed sentence per kind of failure (the exception's reason).
/// </summary>
internal static partial class FfmpegLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Tool} failed on {File} ({Stage}, exit code {ExitCode}): {Stderr}")]
    public static partial void Failed(ILogger logger, string tool, string file, MediaStage stage, int exitCode, string stderr);

    /// <summary>Logs the failure and returns the client-safe exception to throw.</summary>
    public static MediaException Refuse(ILogger logger, string tool, string path, MediaStage stage, int exitCode, string stderr, string reason)
    {
        Failed(logger, tool, path, stage, exitCode, FfmpegProcess.Summarize(stderr, "no message"));
        return new MediaException(path, stage, reason);
    }
}
