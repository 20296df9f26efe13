using SearchEngine.Maps;
using SearchEngine.Maps.Umap;
using SearchEngine.Testing;

namespace SearchEngine.Maps.Tests;

public sealed class UmapLayoutTests
{
    private const int Dimension = 64;

    [Fact]
    public void Ten_gaussian_clusters_in_64_d_stay_apart_in_2_d_and_the_map_is_trustworthy()
    {
        var (rows, labels) = new GaussianMixture(new Random(17), clusters: 10, Dimension, spread: 0.8f / MathF.Sqrt(Dimension)).DrawRows(2_000);

        var layout = UmapLayout.Compute(rows, labels.Length, Dimension, new UmapOptions { Seed = 3 });

        Assert.Equal(2 * labels.Length, layout.Length);
        Assert.All(layout, v => Assert.True(float.IsFinite(v)));
        var accuracy = NearestNeighbourAccuracy(layout, labels, k: 10);
        Assert.True(accuracy >= 0.9, $"kNN accuracy in 2-D {accuracy:F3}");
        var trust = Trustworthiness.Compute(rows, labels.Length, Dimension, layout, k: 10);
        Assert.True(trust >= 0.9, $"trustworthiness {trust:F3}");
    }

    [Fact]
    public void One_thread_and_one_seed_give_the_same_layout_bit_for_bit_and_another_seed_another()
    {
        var (rows, labels) = new GaussianMixture(new Random(5), clusters: 4, Dimension, spread: 0.1f).DrawRows(500);
        var options = new UmapOptions { Seed = 11, Threads = 1, Epochs = 100 };

        var first = UmapLayout.Compute(rows, labels.Length, Dimension, options);
        var second = UmapLayout.Compute(rows, labels.Length, Dimension, options);
        var other = UmapLayout.Compute(rows, labels.Length, Dimension, new UmapOptions { Seed = 12, Threads = 1, Epochs = 100 });

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Trustworthiness_is_one_for_the_data_itself_and_low_for_a_shuffled_map()
    {
        // The first two coordinates as the data: the map is the data, so no false neighbours.
        var random = new Random(2);
        var count = 300;
        var rows = new float[count * 2];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = random.NextSingle();
        }

        Assert.Equal(1.0, Trustworthiness.Compute(rows, count, 2, rows, k: 10), 6);
        var shuffled = (float[])rows.Clone();
        random.Shuffle(shuffled);
        Assert.True(Trustworthiness.Compute(rows, count, 2, shuffled, k: 10) < 0.7);
    }

    [Fact]
    public void Tiny_sets_get_a_layout_with_one_point_each()
    {
        Assert.Empty(UmapLayout.Compute(Array.Empty<float>(), 0, 8));
        Assert.Equal(4, UmapLayout.Compute(new float[16], 2, 8).Length);
        var (rows, labels) = new GaussianMixture(new Random(1), clusters: 2, 8, spread: 0.1f).DrawRows(5);
        var layout = UmapLayout.Compute(rows, labels.Length, 8);
        Assert.Equal(10, layout.Length);
        Assert.All(layout, v => Assert.True(float.IsFinite(v)));
    }

    /// <summary>Leave-one-out k-nearest-neighbour classification of the clusters from the 2-D coordinates alone.</summary>
    private static double NearestNeighbourAccuracy(float[] layout, int[] labels, int k)
    {
        var n = labels.Length;
        var correct = 0;
        var distances = new (float Distance, int Label)[n - 1];
        for (var i = 0; i < n; i++)
        {
            var at = 0;
            for (var j = 0; j < n; j++)
            {
                if (j != i)
                {
                    var dx = layout[2 * i] - layout[2 * j];
                    var dy = layout[(2 * i) + 1] - layout[(2 * j) + 1];
                    distances[at++] = ((dx * dx) + (dy * dy), labels[j]);
                }
            }

            Array.Sort(distances, (a, b) => a.Distance.CompareTo(b.Distance));
            var vote = distances.Take(k).GroupBy(d => d.Label).OrderByDescending(g => g.Count()).First().Key;
            correct += vote == labels[i] ? 1 : 0;
        }

        return (double)correct / n;
    }
}
