using System.Numerics.Tensors;

namespace SearchEngine.Maps;

/// <summary>
/// Trustworthiness of an embedding (Venna &amp; Kaski 2001), computed exactly as scikit-learn's
/// <c>sklearn.manifold.trustworthiness</c> with Euclidean distances: 1 − 2/(n·k·(2n − 3k − 1)) · Σ_i Σ_{j ∈ U_i} (r(i, j) − k),
/// where U_i are the points among i's k nearest in the embedding that are not among its k nearest in the original space
/// and r(i, j) is j's rank by original distance from i. 1 means no false neighbours in the map.
/// </summary>
public static class Trustworthiness
{
    /// <summary>
    /// Trustworthiness at <paramref name="k"/> of <paramref name="embedding"/> (2 interleaved floats per point) for
    /// <paramref name="count"/> row-major vectors of <paramref name="dimension"/>. O(n²·dimension), parallel over points.
    /// </summary>
    public static double Compute(ReadOnlyMemory<float> rows, int count, int dimension, ReadOnlyMemory<float> embedding, int k = 10, int threads = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(k, count / 2, nameof(k));
        ArgumentOutOfRangeException.ThrowIfLessThan(rows.Length, count * dimension, nameof(rows));
        ArgumentOutOfRangeException.ThrowIfLessThan(embedding.Length, 2 * count, nameof(embedding));
        var squaredNorms = new float[count];
        for (var i = 0; i < count; i++)
        {
            var row = rows.Span.Slice(i * dimension, dimension);
            squaredNorms[i] = TensorPrimitives.Dot(row, row);
        }

        long penalty = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
        Parallel.For(0, count, parallel, () => (Original: new float[count], Nearest: new int[k], NearestDistances: new float[k], Sum: 0L), (i, _, local) =>
        {
            var xy = embedding.Span;
            var data = rows.Span;
            var row = data.Slice(i * dimension, dimension);
            for (var j = 0; j < count; j++)
            {
                local.Original[j] = squaredNorms[i] + squaredNorms[j] - (2f * TensorPrimitives.Dot(row, data.Slice(j * dimension, dimension)));
            }

            local.Original[i] = float.NegativeInfinity;
            EmbeddedNearest(xy, count, i, local.Nearest, local.NearestDistances);
            foreach (var j in local.Nearest)
            {
                // Rank of j by original distance from i (1 = nearest), the point itself not counted.
                var distance = local.Original[j];
                var rank = 1;
                for (var m = 0; m < count; m++)
                {
                    var other = local.Original[m];
                    if (other < distance || (other == distance && m < j))
                    {
                        rank++;
                    }
                }

                rank--; // the point itself (−∞) was counted
                if (rank > k)
                {
                    local.Sum += rank - k;
                }
            }

            return local;
        }, local => Interlocked.Add(ref penalty, local.Sum));
        return 1.0 - (2.0 / (count * (double)k * ((2.0 * count) - (3.0 * k) - 1.0)) * penalty);
    }

    /// <summary>The k nearest points to <paramref name="i"/> in the embedding, by insertion into a small sorted list.</summary>
    private static void EmbeddedNearest(ReadOnlySpan<float> xy, int count, int i, int[] nearest, float[] distances)
    {
        var k = nearest.Length;
        var filled = 0;
        var x = xy[2 * i];
        var y = xy[(2 * i) + 1];
        for (var j = 0; j < count; j++)
        {
            if (j == i)
            {
                continue;
            }

            var dx = xy[2 * j] - x;
            var dy = xy[(2 * j) + 1] - y;
            var d = (dx * dx) + (dy * dy);
            if (filled == k && d >= distances[k - 1])
            {
                continue;
            }

            var at = filled < k ? filled++ : k - 1;
            while (at > 0 && distances[at - 1] > d)
            {
                distances[at] = distances[at - 1];
                nearest[at] = nearest[at - 1];
                at--;
            }

            distances[at] = d;
            nearest[at] = j;
        }
    }
}
