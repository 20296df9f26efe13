namespace SearchEngine.Embeddings.Pull;

/// <summary>A pack could not be pulled: unknown id, unreachable host, HTTP error or a checksum mismatch, said plainly.</summary>
public sealed class ModelPullException : Exception
{
    /// <summary>Creates the error.</summary>
    public ModelPullException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with its cause.</summary>
    public ModelPullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
