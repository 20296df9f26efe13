using SearchEngine.Core.Vectors;
using SearchEngine.Index;

namespace SearchEngine.Maps.Umap;

/// <summary>
/// Each point's nearest neighbours (itself excluded) by cosine distance, found with the project's HNSW index: row
/// <c>i</c> of <see cref="Indices"/> and <see cref="Distances"/> holds point i's <see cref="K"/> neighbours, nearest first.
/// </summary>
internal sealed class NeighbourGraph
{
    private NeighbourGraph(int count, int k, int[] indices, float[] distances)
    {
        Count = count;
        K = k;
        Indices = indices;
        Distances = distances;
    }

    public int Count { get; }

    public int K { get; }

    public int[] Indices { get; }

    public float[] Distances { get; }

    /// <summary>
    /// Builds the graph of <paramref name="count"/> row-major vectors of <paramref name="dimension"/>. An HNSW search with a
    /// generous ef (4k, at least 64) finds nearly all true neighbours, and UMAP is known to tolerate approximate ones
    /// (umap-learn itself uses NN-descent).
    /// </summary>
    public static NeighbourGraph Build(ReadOnlyMemory<float> rows, int count, int dimension, int k, int threads, int seed)
    {
        using var index = new HnswIndex(new HnswOptions
        {
            Dimension = dimension,
            Metric = DistanceMetric.Cosine,
            M = 16,
            // A graph built for one pass of queries: a lower ef at construction halves the build and costs little recall.
            EfConstruction = 100,
            Seed = seed,
        });
        var ids = new long[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = i;
        }

        index.UpsertBatch(ids, rows, threads);
        var indices = new int[count * k];
        var distances = new float[count * k];
        var search = new VectorSearchOptions { Ef = Math.Max(64, 4 * k) };
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, () => new List<VectorHit>(k + 1), (i, _, hits) =>
        {
            hits.Clear();
            index.Search(rows.Span.Slice(i * dimension, dimension), k + 1, search, hits);
            var written = 0;
            foreach (var hit in hits)
            {
                if (hit.Id == i || written == k)
                {
                    continue;
                }

                indices[(i * k) + written] = (int)hit.Id;
                distances[(i * k) + written] = Math.Max(0f, hit.Distance);
                written++;
            }

            // Fewer hits than k (a tiny or degenerate set): repeat the farthest found, or the point itself at distance 0.
            for (; written < k; written++)
            {
                indices[(i * k) + written] = written > 0 ? indices[(i * k) + written - 1] : i;
                distances[(i * k) + written] = written > 0 ? distances[(i * k) + written - 1] : 0f;
            }

            return hits;
        }, _ => { });
        return new NeighbourGraph(count, k, indices, distances);
    }
}
