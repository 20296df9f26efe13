using SearchEngine.Core.Vectors;

namespace SearchEngine.Index;

/// <summary>Build-time parameters of an <see cref="HnswIndex"/>; fixed for the index's life and recorded in its file.</summary>
public sealed class HnswOptions
{
    /// <summary>Vector dimension.</summary>
    public required int Dimension { get; init; }

    /// <summary>Distance metric; cosine normalizes vectors on insert and compares by inner product.</summary>
    public DistanceMetric Metric { get; init; } = DistanceMetric.Cosine;

    /// <summary>Links per node on the upper layers (the paper's M); layer 0 keeps 2·M.</summary>
    public int M { get; init; } = 16;

    /// <summary>Candidate list size while inserting (the paper's efConstruction).</summary>
    public int EfConstruction { get; init; } = 200;

    /// <summary>Candidate list size of a search that names none (the paper's ef).</summary>
    public int DefaultEf { get; init; } = 64;

    /// <summary>Seed of the level generator; a single-threaded build with the same seed and order is reproducible.</summary>
    public int Seed { get; init; } = 100;

    /// <summary>
    /// The paper's keepPrunedConnections (Algorithm 4): fill a node's link list up to its maximum with candidates the
    /// heuristic discarded. Off by default, as in hnswlib.
    /// </summary>
    public bool KeepPrunedConnections { get; init; }

    /// <summary>
    /// When set, the graph is searched over int8 codes of this quantizer and the candidates are re-scored with the
    /// full-precision vectors (see <see cref="ScalarQuantizer"/>).
    /// </summary>
    public ScalarQuantizer? Quantizer { get; init; }

    /// <summary>
    /// Quantized graphs only: the int8 walk's k × this many nearest candidates are re-scored with the full-precision rows
    /// (0 re-scores all ef candidates). Few rows per query are read, so those rows can live on disk (see
    /// <see cref="RescoreRowsDirectory"/>). Measured on GloVe-100 (30k base, k = 10): 4 keeps recall@10 within 0.001 of
    /// re-scoring all ef candidates.
    /// </summary>
    public int RescoreFactor { get; init; } = 4;

    /// <summary>
    /// Quantized graphs only: directory of the memory-mapped, already unlinked file that holds the full-precision rows
    /// (default: the system temporary directory). They are page cache, not process memory: evicted under pressure and
    /// read back only where a search re-scores. Use a disk-backed directory; on tmpfs the rows would stay in memory.
    /// </summary>
    public string? RescoreRowsDirectory { get; init; }

    /// <summary>
    /// A filtered search whose filter lets through at most this share of the live points (measured or estimated) scans
    /// the allowed points exactly instead of walking the graph, where the walk would lose recall and time. Measured on
    /// GloVe-100 (331k points, ef 80): at 1% the exact scan is 1.6× faster than the filtered walk, at 3% the walk is 1.9×
    /// faster, so the crossover lies near 2%.
    /// </summary>
    public double ExactScanSelectivity { get; init; } = 0.02;

    /// <summary>Throws when a value is out of range.</summary>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Dimension, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(M, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(M, 256);
        ArgumentOutOfRangeException.ThrowIfLessThan(EfConstruction, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(DefaultEf, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(RescoreFactor);
        if (Metric is not (DistanceMetric.Cosine or DistanceMetric.L2))
        {
            throw new ArgumentOutOfRangeException(nameof(Metric), Metric, "unknown metric");
        }
        if (Quantizer is not null && Quantizer.Dimension != Dimension)
        {
            throw new ArgumentException($"quantizer dimension {Quantizer.Dimension} differs from {Dimension}", nameof(Quantizer));
        }
    }
}
