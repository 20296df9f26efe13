using SearchEngine.Core;

namespace SearchEngine.Embeddings.Packs;

/// <summary>The rule that binds a collection to one pack: same id and same fingerprint, or a <see cref="PackMismatchException"/>.</summary>
public static class PackCompatibility
{
    /// <summary>Throws <see cref="PackMismatchException"/> naming both packs unless id and fingerprint both match.</summary>
    public static void Ensure(CollectionInfo collection, string packId, string packFingerprint)
    {
        if (!Matches(collection, packId, packFingerprint))
        {
            throw new PackMismatchException(collection.Name, collection.PackId, collection.PackFingerprint, packId, packFingerprint);
        }
    }

    /// <summary>Whether <paramref name="collection"/> was built with the pack <paramref name="packId"/> of fingerprint <paramref name="packFingerprint"/>.</summary>
    public static bool Matches(CollectionInfo collection, string packId, string packFingerprint)
    {
        ArgumentNullException.ThrowIfNull(collection);
        return string.Equals(collection.PackId, packId, StringComparison.Ordinal)
            && string.Equals(collection.PackFingerprint, packFingerprint, StringComparison.Ordinal);
    }
}
