using SearchEngine.Core.Vectors;
using SearchEngine.Index;

namespace SearchEngine.Index.Tests;

/// <summary>Small seeded data sets and a brute-force reference.</summary>
internal static class TestData
{
    public static float[] Random(int n, int dim, int seed)
    {
        var rng = new Random(seed);
        var rows = new float[n * dim];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = (float)((rng.NextDouble() * 2) - 1);
        }
        return rows;
    }

    /// <summary>A mixture of Gaussian clusters: the hard case for greedy graph search (dense clumps, sparse bridges).</summary>
    public static float[] Clustered(int n, int dim, int clusters, int seed)
    {
        var rng = new Random(seed);
        var centres = Random(clusters, dim, seed + 1);
        var rows = new float[n * dim];
        for (var i = 0; i < n; i++)
        {
            var c = rng.Next(clusters);
            for (var d = 0; d < dim; d++)
            {
                rows[(i * dim) + d] = centres[(c * dim) + d] + (float)(0.1 * Gaussian(rng));
            }
        }
        return rows;
    }

    private static double Gaussian(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    public static HnswIndex Build(float[] rows, int dim, DistanceMetric metric = DistanceMetric.Cosine, int threads = 1,
        ScalarQuantizer? quantizer = null, int m = 16, int efConstruction = 100)
    {
        var index = new HnswIndex(new HnswOptions { Dimension = dim, Metric = metric, M = m, EfConstruction = efConstruction, Quantizer = quantizer });
        var n = rows.Length / dim;
        index.UpsertBatch(Enumerable.Range(0, n).Select(i => (long)i).ToArray(), rows, threads);
        return index;
    }

    /// <summary>Exact distance as the index defines it (1 − cosine, or squared L2).</summary>
    public static float Distance(ReadOnlySpan<float> a, ReadOnlySpan<float> b, DistanceMetric metric)
    {
        double dot = 0, na = 0, nb = 0, l2 = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
            l2 += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return metric == DistanceMetric.Cosine ? (float)(1 - (dot / Math.Sqrt(na * nb))) : (float)l2;
    }

    public static long[] BruteForce(float[] rows, int dim, ReadOnlySpan<float> query, int k, DistanceMetric metric, Func<long, bool>? allow = null)
    {
        var n = rows.Length / dim;
        var scored = new List<(float D, long Id)>(n);
        for (var i = 0; i < n; i++)
        {
            if (allow is null || allow(i))
            {
                scored.Add((Distance(query, rows.AsSpan(i * dim, dim), metric), i));
            }
        }
        return [.. scored.OrderBy(x => x.D).ThenBy(x => x.Id).Take(k).Select(x => x.Id)];
    }

    public static double Recall(HnswIndex index, float[] rows, float[] queries, int dim, int k, int ef, DistanceMetric metric,
        Func<long, bool>? allow = null, VectorSearchOptions? options = null)
    {
        var nq = queries.Length / dim;
        long hit = 0, total = 0;
        for (var q = 0; q < nq; q++)
        {
            var query = queries.AsSpan(q * dim, dim);
            var expected = BruteForce(rows, dim, query, k, metric, allow).ToHashSet();
            var found = index.Search(query, k, options ?? new VectorSearchOptions { Ef = ef, Filter = allow });
            hit += found.Count(h => expected.Contains(h.Id));
            total += expected.Count;
        }
        return hit / (double)total;
    }
}
