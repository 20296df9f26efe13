namespace SearchEngine.Ingestion.Sources;

/// <summary>
/// The input of a job cannot be read at all (a folder that does not exist, a manifest without a path column): the
/// job stops with this message. A single bad row or file is never this; it is a per-file error.
/// </summary>
public sealed class SourceException : Exception
{
    /// <summary>Creates the error with a message a person can act on.</summary>
    public SourceException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
