namespace SearchEngine.Core.Vectors;

/// <summary>
/// An approximate nearest-neighbour index over vectors keyed by 64-bit external ids (the storage layer's segment ids).
/// It is a serving copy: PostgreSQL holds every vector, and <see cref="LastSequence"/> tells which changes it has seen.
/// Searches may run concurrently with inserts and deletes.
/// </summary>
public interface IVectorIndex : IDisposable
{
    /// <summary>Vector dimension.</summary>
    int Dimension { get; }

    /// <summary>How distances are computed.</summary>
    DistanceMetric Metric { get; }

    /// <summary>Number of live (not deleted) vectors.</summary>
    int Count { get; }

    /// <summary>
    /// The highest storage sequence number (segment id or change number) whose effect the index holds;
    /// the storage layer replays everything newer on start.
    /// </summary>
    long LastSequence { get; set; }

    /// <summary>Inserts <paramref name="vector"/> under <paramref name="id"/>, replacing any vector the id had.</summary>
    void Upsert(long id, ReadOnlySpan<float> vector);

    /// <summary>Removes <paramref name="id"/> from results at once; returns false when it was not present.</summary>
    bool Remove(long id);

    /// <summary>True when <paramref name="id"/> is present and not deleted.</summary>
    bool Contains(long id);

    /// <summary>
    /// Copies the stored full-precision vector of <paramref name="id"/> into <paramref name="destination"/> (at least
    /// <see cref="Dimension"/> long) and returns true, or returns false when the id is absent or deleted. A cosine index
    /// stores vectors L2-normalized, so this is what exact rescoring compares against.
    /// </summary>
    bool TryGetVector(long id, Span<float> destination);

    /// <summary>
    /// The <paramref name="k"/> nearest live vectors to <paramref name="query"/>, nearest first, that pass the
    /// options' filter.
    /// </summary>
    IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, int k, VectorSearchOptions? options = null);

    /// <summary>Writes the index atomically to <paramref name="path"/> (temporary file, flush, rename).</summary>
    void Save(string path);
}
