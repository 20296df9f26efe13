namespace SearchEngine.Maps.Umap;

/// <summary>
/// UMAP (McInnes, Healy &amp; Melville 2018) in 2-D for L2-normalised vectors under cosine distance: a k-nearest-neighbour
/// graph from the HNSW index, its fuzzy simplicial set, a PCA start and umap-learn's SGD with negative sampling.
/// No UMAP or t-SNE package is available for .NET here, so this follows umap-learn's reference code step by step.
/// </summary>
public static class UmapLayout
{
    /// <summary>
    /// Lays out <paramref name="count"/> row-major vectors of <paramref name="dimension"/> (row i at i·dimension) and
    /// returns 2·count interleaved coordinates (x0, y0, x1, y1, …). Sets of fewer than three points are laid on a line.
    /// <paramref name="stageTimed"/>, when given, hears each stage's name and wall time (for benchmarks and logs).
    /// </summary>
    public static float[] Compute(ReadOnlyMemory<float> rows, int count, int dimension, UmapOptions? options = null, Action<string, TimeSpan>? stageTimed = null)
    {
        options ??= new UmapOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows.Length, count * dimension, nameof(rows));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Neighbours, 2, nameof(options));
        if (count < 3)
        {
            var line = new float[2 * count];
            for (var i = 0; i < count; i++)
            {
                line[2 * i] = i;
            }

            return line;
        }

        var threads = options.ResolveThreads();
        var k = Math.Min(options.Neighbours - 1, count - 1);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Stage(string name)
        {
            stageTimed?.Invoke(name, clock.Elapsed);
            clock.Restart();
        }

        var neighbours = NeighbourGraph.Build(rows, count, dimension, k, threads, options.Seed);
        Stage("knn_graph");
        var graph = FuzzyGraph.Build(neighbours);
        Stage("fuzzy_union");
        var layout = PcaInitialisation.Compute(rows.Span, count, dimension, new Random(options.Seed));
        Stage("pca_init");
        LayoutOptimizer.Optimise(layout, graph, count, options);
        Stage("sgd");
        return layout;
    }
}
