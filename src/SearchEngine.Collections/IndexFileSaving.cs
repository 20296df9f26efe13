using Microsoft.Extensions.Logging;
using SearchEngine.Core.Vectors;

namespace SearchEngine.Collections;

/// <summary>
/// Saving a serving copy's files (its vector index, its fingerprint index) is best effort: they are caches of
/// PostgreSQL. A failed save (a full disk, a read-only folder) is logged and the copy keeps serving from memory;
/// rethrowing would make the caller open, and so rebuild, the index again on every query.
/// </summary>
internal static partial class IndexFileSaving
{
    /// <summary>Saves <paramref name="index"/> to <paramref name="path"/>; returns false (after logging why) when it could not.</summary>
    public static bool TrySave(IVectorIndex index, string path, string collection, ILogger logger) =>
        TrySave(() => index.Save(path), "index", path, collection, logger);

    /// <summary>Runs <paramref name="save"/>, which writes <paramref name="file"/> to <paramref name="path"/>; returns false (after logging why) when it could not.</summary>
    public static bool TrySave(Action save, string file, string path, string collection, ILogger logger)
    {
        try
        {
            save();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogSaveFailed(logger, file, collection, path, e.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Could not save the {File} of collection '{Collection}' to {Path} ({Reason}); it keeps serving from memory, and the next start rebuilds or replays it from PostgreSQL")]
    private static partial void LogSaveFailed(ILogger logger, string file, string collection, string path, string reason);
}
