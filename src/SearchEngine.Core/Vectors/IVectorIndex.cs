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

    /// <summary>
    /// Inserts many vectors (row-major in <paramref name="rows"/>, one per id), replacing any vector an id had, using
    /// <paramref name="threads"/> threads (0: all cores). A catch-up or rebuild applies the change log in batches through
    /// this, so an index can insert them in parallel; with one thread the result is the same as upserting one by one.
    /// </summary>
    void UpsertBatch(IReadOnlyList<long> ids, ReadOnlyMemory<float> rows, int threads = 0);

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

    /// <summary>
    /// Removed or replaced entries the index still holds (they cost memory and routing time until <see cref="Compact"/>
    /// reclaims them); 0 for an index that frees them at once.
    /// </summary>
    int DeletedCount { get; }

    /// <summary>
    /// Approximate bytes the index holds for its vectors and graph (native and memory-mapped), deleted entries included:
    /// what an operator weighs when deciding where copies fit. Managed bookkeeping (id maps) is left out.
    /// </summary>
    long MemoryBytes { get; }

    /// <summary>
    /// Reclaims the <see cref="DeletedCount"/> entries using <paramref name="threads"/> threads (0: all cores), while
    /// searches continue; inserts and removes wait for it.
    /// </summary>
    void Compact(int threads = 0);

    /// <summary>Writes the index atomically to <paramref name="path"/> (temporary file, flush, rename).</summary>
    void Save(string path);
}
