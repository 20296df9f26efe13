namespace SearchEngine.Core.Vectors;

/// <summary>Per-query knobs of a vector search.</summary>
public sealed class VectorSearchOptions
{
    /// <summary>Size of the dynamic candidate list (HNSW's ef); null uses the index default. Raised to k when smaller.</summary>
    public int? Ef { get; init; }

    /// <summary>
    /// Only ids for which this returns true may be returned (applied during the graph search, not after it).
    /// Null lets every live id through.
    /// </summary>
    public Func<long, bool>? Filter { get; init; }

    /// <summary>
    /// An estimate of the share of points <see cref="Filter"/> lets through (0..1), when the caller knows it; an index
    /// uses it to switch to an exact scan when the filter is very selective.
    /// </summary>
    public double? FilterSelectivity { get; init; }

    /// <summary>When set, only these ids may be returned; small allow-lists are searched exactly.</summary>
    public IReadOnlyCollection<long>? AllowList { get; init; }
}
