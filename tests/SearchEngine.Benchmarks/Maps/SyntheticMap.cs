using SearchEngine.Core;
using SearchEngine.Maps;

namespace SearchEngine.Benchmarks.Maps;

/// <summary>
/// A map laid out by no one: <c>n</c> points in Gaussian blobs of every kind, shaped like a UMAP layout of a large
/// collection (dense clusters of different sizes, a few strays), for timing the page without laying out 100k vectors.
/// </summary>
internal static class SyntheticMap
{
    public static CollectionMap Create(int count, int seed = 17)
    {
        var random = new Random(seed);
        var clusters = Math.Max(8, count / 400);
        var centres = Enumerable.Range(0, clusters).Select(_ => (X: random.NextSingle() * 20f, Y: random.NextSingle() * 14f, Spread: 0.05f + random.NextSingle() * 0.35f, Kind: (Modality)random.Next(4))).ToArray();
        var ids = new long[count];
        var xy = new float[2 * count];
        var kinds = new Modality[count];
        for (var i = 0; i < count; i++)
        {
            var centre = centres[random.Next(clusters)];
            ids[i] = i + 1;
            xy[2 * i] = centre.X + (float)Gaussian(random) * centre.Spread;
            xy[2 * i + 1] = centre.Y + (float)Gaussian(random) * centre.Spread;
            // Mostly the cluster's kind, as a real collection's neighbourhoods are, with the other kinds mixed in.
            kinds[i] = random.NextDouble() < 0.8 ? centre.Kind : (Modality)random.Next(4);
        }

        return new CollectionMap(sequence: 1, drift: 0, ids, xy, kinds);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
