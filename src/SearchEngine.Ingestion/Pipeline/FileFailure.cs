namespace SearchEngine.Ingestion.Pipeline;

/// <summary>Stages a file can fail at, as recorded in <c>file_errors.stage</c>.</summary>
public static class FailureStage
{
    /// <summary>A manifest row that names no usable file.</summary>
    public const string Manifest = "manifest";

    /// <summary>Reading or hashing the file.</summary>
    public const string Read = "read";

    /// <summary>Reading a sidecar file.</summary>
    public const string Sidecar = "sidecar";

    /// <summary>Recognising or decoding the content.</summary>
    public const string Decode = "decode";

    /// <summary>Computing embeddings.</summary>
    public const string Embed = "embed";

    /// <summary>Storing the document.</summary>
    public const string Store = "store";
}

/// <summary>A file the job could not index, and why.</summary>
/// <param name="Path">The file (or manifest line).</param>
/// <param name="Stage">Where it failed (see <see cref="FailureStage"/>).</param>
/// <param name="Reason">What went wrong, in words a person can act on.</param>
public sealed record FileFailure(string Path, string Stage, string Reason);
