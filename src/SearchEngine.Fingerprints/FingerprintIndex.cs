namespace SearchEngine.Fingerprints;

/// <summary>
/// The in-memory inverted index of a collection's fingerprints: hash → postings (document, frame). Matching votes for
/// (document, offset) pairs and verifies the best. <see cref="Match"/> may run while <see cref="Add"/> and
/// <see cref="Remove"/> change the index.
/// </summary>
public sealed class FingerprintIndex
{
    /// <summary>Documents held.</summary>
    public int DocumentCount => throw new NotImplementedException();

    /// <summary>Adds (or replaces) <paramref name="documentId"/>'s fingerprint.</summary>
    public void Add(long documentId, Fingerprint fingerprint) => throw new NotImplementedException();

    /// <summary>Removes <paramref name="documentId"/>; false when it was not there.</summary>
    public bool Remove(long documentId) => throw new NotImplementedException();

    /// <summary>The verified matches of <paramref name="query"/>, most confident first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<FingerprintMatch> Match(Fingerprint query, int limit) => throw new NotImplementedException();

    /// <summary>Writes the whole index (with a checksum) to <paramref name="stream"/>.</summary>
    public void WriteTo(Stream stream) => throw new NotImplementedException();

    /// <summary>Reads what <see cref="WriteTo"/> wrote; throws <see cref="InvalidDataException"/> when it is damaged.</summary>
    public static FingerprintIndex ReadFrom(Stream stream) => throw new NotImplementedException();
}
