namespace SearchEngine.Embeddings.Packs;

/// <summary>A model pack could not be loaded: the message says which pack, which entry and what to fix.</summary>
public sealed class PackLoadException : Exception
{
    /// <summary>Creates the error.</summary>
    public PackLoadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with its cause.</summary>
    public PackLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
