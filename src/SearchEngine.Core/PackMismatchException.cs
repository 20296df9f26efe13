namespace SearchEngine.Core;

/// <summary>
/// Raised when a collection is indexed or queried with a model pack other than the one it was built with:
/// vectors from two packs live in different spaces and must never be compared.
/// </summary>
public sealed class PackMismatchException : Exception
{
    /// <summary>Creates the error naming both packs.</summary>
    public PackMismatchException(string collection, string expectedPack, string expectedFingerprint, string actualPack, string actualFingerprint)
        : base($"Collection '{collection}' was built with model pack '{expectedPack}' (fingerprint {expectedFingerprint}), " +
               $"but pack '{actualPack}' (fingerprint {actualFingerprint}) was given. Use pack '{expectedPack}', or index into a new collection.")
    {
        Collection = collection;
        ExpectedPack = expectedPack;
        ActualPack = actualPack;
    }

    /// <summary>The collection's name.</summary>
    public string Collection { get; }

    /// <summary>The pack the collection is bound to.</summary>
    public string ExpectedPack { get; }

    /// <summary>The pack that was offered.</summary>
    public string ActualPack { get; }
}
