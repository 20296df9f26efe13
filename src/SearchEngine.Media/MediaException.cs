namespace SearchEngine.Media;

/// <summary>
/// The one error every media decoder raises for bad input: it names the file, the stage that rejected it and a reason
/// a person can act on. Batch callers catch it per file and go on with the rest.
/// </summary>
public sealed class MediaException : Exception
{
    /// <summary>Creates the error for <paramref name="path"/>.</summary>
    public MediaException(string path, MediaStage stage, string reason, Exception? innerException = null)
        : base($"{Path.GetFileName(path)}: {reason}", innerException)
    {
        FilePath = path;
        Stage = stage;
        Reason = reason;
    }

    /// <summary>The file that failed.</summary>
    public string FilePath { get; }

    /// <summary>Where in decoding it failed.</summary>
    public MediaStage Stage { get; }

    /// <summary>Why it failed, without the file name.</summary>
    public string Reason { get; }
}
