using SearchEngine.Ingestion.Pipeline;
using SearchEngine.Media.Files;

namespace SearchEngine.Ingestion.Sources;

/// <summary>
/// Checks each discovered path against the media roots before anything opens it: a FIFO, device or socket would block
/// or never end when hashed, and a symlink could lead anywhere on the disk. A refused path becomes a per-file error.
/// </summary>
internal static class SourceRoots
{
    /// <summary>The configured roots, or <paramref name="folder"/> when none are configured.</summary>
    public static MediaRoots For(MediaRoots? configured, string folder) => configured?.OrElse(folder) ?? new MediaRoots([folder]);

    /// <summary>
    /// <paramref name="file"/> with its final target, or refused with the reason. A file that does not exist is passed
    /// on as it is: the check stage reports it, as it reports one deleted between discovery and hashing.
    /// </summary>
    public static SourceFile Check(MediaRoots roots, SourceFile file)
    {
        var check = roots.Check(file.Path);
        return check.Problem switch
        {
            null => file with { FinalTarget = check.FinalTarget, Sidecars = [.. file.Sidecars.Where(s => roots.Check(s).IsAllowed)] },
            MediaPathProblem.Missing => file,
            _ => file with { Problem = check.Describe(), ProblemStage = FailureStage.Read, Sidecars = [] },
        };
    }
}
