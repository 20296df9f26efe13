namespace SearchEngine.Maps.Umap;

/// <summary>
/// Parameters of a UMAP layout (McInnes, Healy &amp; Melville 2018), with umap-learn's defaults for a 2-D embedding and
/// <c>min_dist = 0.1</c>, <c>spread = 1</c>.
/// </summary>
public sealed class UmapOptions
{
    /// <summary>Size of the local neighbourhood, the point itself included (umap-learn's <c>n_neighbors</c>).</summary>
    public int Neighbours { get; init; } = 15;

    /// <summary>Curve parameter a of the low-dimensional similarity 1 / (1 + a d^(2b)); 1.577 fits min_dist 0.1.</summary>
    public float A { get; init; } = 1.577f;

    /// <summary>Curve parameter b; 0.895 fits min_dist 0.1.</summary>
    public float B { get; init; } = 0.895f;

    /// <summary>Optimisation epochs; null follows umap-learn: 500 up to 10,000 points, 200 above.</summary>
    public int? Epochs { get; init; }

    /// <summary>Negative samples per positive sample.</summary>
    public int NegativeSampleRate { get; init; } = 5;

    /// <summary>Weight of the repulsive term (umap-learn's <c>repulsion_strength</c>, gamma).</summary>
    public float RepulsionStrength { get; init; } = 1f;

    /// <summary>Initial learning rate, decayed linearly to 0 over the epochs.</summary>
    public float LearningRate { get; init; } = 1f;

    /// <summary>Seed of every random choice (graph build, initial noise, negative samples).</summary>
    public int Seed { get; init; } = 42;

    /// <summary>
    /// Threads for the neighbour graph and the optimisation (0: all cores). With 1 the layout is the same bit for bit for a
    /// seed. With more, the graph is built in parallel and the optimisation runs Hogwild-style as umap-learn's parallel
    /// mode: the random streams are the same, but updates race, so runs differ slightly.
    /// </summary>
    public int Threads { get; init; }

    /// <summary>The epochs to run for <paramref name="points"/> points.</summary>
    public int EpochsFor(int points) => Epochs ?? (points <= 10_000 ? 500 : 200);

    /// <summary>The thread count to use (resolving 0 to the processor count).</summary>
    public int ResolveThreads() => Threads > 0 ? Threads : Environment.ProcessorCount;
}
