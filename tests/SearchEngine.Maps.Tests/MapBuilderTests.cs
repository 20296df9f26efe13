using Microsoft.Extensions.Options;
using SearchEngine.Core;
using SearchEngine.Testing;

namespace SearchEngine.Maps.Tests;

public sealed class MapBuilderTests
{
    private const int Dimension = 32;

    [Fact]
    public void A_few_new_documents_are_placed_among_their_cluster_and_the_others_stay_put()
    {
        var mixture = new GaussianMixture(new Random(8), clusters: 3, Dimension, spread: 0.05f);
        var (rows, labels) = mixture.DrawRows(320);
        var builder = new MapBuilder(Options.Create(new MapOptions { RecomputeFraction = 0.1, Threads = 1 }));
        var first = builder.Build(null, Vectors(1, rows, 300));
        Assert.Equal(0, first.Drift);

        // 20 more documents (6 %, under the 10 % threshold) and one removed: placed, not laid out again.
        var grown = Vectors(2, rows, 320, skip: 0);
        Assert.False(builder.NeedsLayout(first, grown, out var added, out var removed));
        Assert.Equal((20, 1), (added, removed));
        var second = builder.Build(first, grown);

        Assert.Equal(2, second.Sequence);
        Assert.Equal(21, second.Drift);
        Assert.Equal(319, second.Count);
        for (var i = 0; i < 299; i++)
        {
            // Survivors keep their coordinates exactly.
            Assert.Equal(first.Coordinates[2 * (i + 1)], second.Coordinates[2 * i]);
        }

        for (var i = 299; i < 319; i++)
        {
            var id = i + 1;
            var nearest = Enumerable.Range(0, first.Count)
                .OrderBy(j => Distance(second.Coordinates[2 * i], second.Coordinates[(2 * i) + 1], first.Coordinates[2 * j], first.Coordinates[(2 * j) + 1]))
                .First();
            Assert.Equal(labels[id], labels[(int)first.DocumentIds[nearest]]);
        }
    }

    [Fact]
    public void Past_the_threshold_the_layout_is_computed_again()
    {
        var (rows, _) = new GaussianMixture(new Random(9), clusters: 2, Dimension, spread: 0.05f).DrawRows(200);
        var builder = new MapBuilder(Options.Create(new MapOptions { RecomputeFraction = 0.1, Threads = 1 }));
        var first = builder.Build(null, Vectors(1, rows, 150));

        var grown = Vectors(2, rows, 200);
        Assert.True(builder.NeedsLayout(first, grown, out _, out _));
        var second = builder.Build(first, grown);
        Assert.Equal(0, second.Drift);
        Assert.Equal(200, second.Count);
    }

    /// <summary>Documents with ids skip+1 … count−1 (so id i is row i) when skip is 0, else 0 … count−1.</summary>
    private static DocumentVectors Vectors(long sequence, float[] rows, int count, int? skip = null)
    {
        var from = skip is null ? 0 : 1;
        var n = count - from;
        var ids = Enumerable.Range(from, n).Select(i => (long)i).ToArray();
        var slice = rows.AsSpan(from * Dimension, n * Dimension).ToArray();
        return new DocumentVectors(sequence, Dimension, ids, Enumerable.Repeat(Modality.Image, n).ToArray(), slice);
    }

    private static float Distance(float x, float y, float u, float v) => ((x - u) * (x - u)) + ((y - v) * (y - v));
}
