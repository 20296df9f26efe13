namespace SearchEngine.Maps.Umap;

/// <summary>
/// UMAP's fuzzy simplicial set of a neighbour graph as a symmetric edge list: smooth-kNN memberships (rho, sigma per
/// point), their fuzzy union w_ij + w_ji − w_ij·w_ji, both directions of every edge kept, as umap-learn's COO matrix.
/// </summary>
internal sealed class FuzzyGraph
{
    private const int SigmaIterations = 64;
    private const double SigmaTolerance = 1e-5;
    private const double MinimumDistanceScale = 1e-3;

    private FuzzyGraph(int[] heads, int[] tails, float[] weights)
    {
        Heads = heads;
        Tails = tails;
        Weights = weights;
    }

    public int[] Heads { get; }

    public int[] Tails { get; }

    public float[] Weights { get; }

    public int EdgeCount => Heads.Length;

    /// <summary>
    /// The fuzzy union of <paramref name="graph"/>'s memberships. The graph's neighbours exclude the point, so the target
    /// sum is log2(k + 1), as umap-learn's (whose neighbour lists start with the point itself).
    /// </summary>
    public static FuzzyGraph Build(NeighbourGraph graph)
    {
        var n = graph.Count;
        var k = graph.K;
        var target = Math.Log2(k + 1);
        var meanDistance = 0.0;
        foreach (var d in graph.Distances)
        {
            meanDistance += d;
        }

        meanDistance /= Math.Max(1, graph.Distances.Length);

        // Directed memberships i -> j, keyed by i * n + j; the transposed copy j -> i is keyed by j * n + i.
        var keys = new long[2 * n * k];
        var values = new float[2 * n * k];
        Parallel.For(0, n, i =>
        {
            var row = graph.Distances.AsSpan(i * k, k);
            var (rho, sigma) = SmoothDistances(row, target, meanDistance);
            for (var t = 0; t < k; t++)
            {
                var j = graph.Indices[(i * k) + t];
                var excess = row[t] - rho;
                var weight = j == i ? 0f : excess <= 0 || sigma == 0 ? 1f : (float)Math.Exp(-excess / sigma);
                var at = (i * k) + t;
                keys[at] = ((long)i * n) + j;
                values[at] = weight;
                keys[(n * k) + at] = ((long)j * n) + i;
                values[(n * k) + at] = weight;
            }
        });

        Array.Sort(keys, values);
        var heads = new List<int>(keys.Length);
        var tails = new List<int>(keys.Length);
        var weights = new List<float>(keys.Length);
        for (var e = 0; e < keys.Length;)
        {
            // A key appears at most twice when neighbour lists hold no duplicates: once from P, once from its transpose;
            // any more (duplicate neighbours of a degenerate set) are folded into the same probabilistic union.
            var key = keys[e];
            var union = 0f;
            for (; e < keys.Length && keys[e] == key; e++)
            {
                union = union + values[e] - (union * values[e]);
            }

            var head = (int)(key / n);
            var tail = (int)(key % n);
            if (union > 0 && head != tail)
            {
                heads.Add(head);
                tails.Add(tail);
                weights.Add(union);
            }
        }

        return new FuzzyGraph([.. heads], [.. tails], [.. weights]);
    }

    /// <summary>umap-learn's <c>smooth_knn_dist</c> for one point (local connectivity 1, bandwidth 1).</summary>
    private static (double Rho, double Sigma) SmoothDistances(ReadOnlySpan<float> distances, double target, double meanDistance)
    {
        var rho = 0.0;
        var rowMean = 0.0;
        foreach (var d in distances)
        {
            if (rho == 0 && d > 0)
            {
                rho = d;
            }

            rowMean += d;
        }

        rowMean /= distances.Length;
        double lo = 0, hi = double.PositiveInfinity, mid = 1;
        for (var iteration = 0; iteration < SigmaIterations; iteration++)
        {
            var sum = 0.0;
            foreach (var d in distances)
            {
                var excess = d - rho;
                sum += excess > 0 ? Math.Exp(-excess / mid) : 1;
            }

            if (Math.Abs(sum - target) < SigmaTolerance)
            {
                break;
            }

            if (sum > target)
            {
                hi = mid;
                mid = (lo + hi) / 2;
            }
            else
            {
                lo = mid;
                mid = double.IsPositiveInfinity(hi) ? mid * 2 : (lo + hi) / 2;
            }
        }

        // Keep sigma from collapsing where all neighbours sit at one distance (umap-learn's MIN_K_DIST_SCALE).
        var floor = MinimumDistanceScale * (rho > 0 ? rowMean : meanDistance);
        return (rho, Math.Max(mid, floor));
    }
}
