namespace SearchEngine.Testing;

/// <summary>
/// Synthetic clustered embeddings: unit vectors scattered around random unit centres (a seeded mixture of Gaussians,
/// each point normalised), the data of the cluster and map benchmarks and of the map tests.
/// </summary>
public sealed class GaussianMixture
{
    private readonly Random _random;
    private readonly float[][] _centres;
    private readonly float _spread;

    /// <summary>
    /// Draws <paramref name="clusters"/> centres from <paramref name="random"/> (which later draws the points too);
    /// <paramref name="spread"/> is each coordinate's standard deviation around a centre.
    /// </summary>
    public GaussianMixture(Random random, int clusters, int dimension, float spread)
    {
        _random = random;
        Dimension = dimension;
        _spread = spread;
        _centres = new float[clusters][];
        for (var c = 0; c < clusters; c++)
        {
            _centres[c] = Normalized(Gaussian(random, dimension, 1f));
        }
    }

    /// <summary>Vector length.</summary>
    public int Dimension { get; }

    /// <summary>Number of clusters.</summary>
    public int Clusters => _centres.Length;

    /// <summary>One point of a random cluster, normalised.</summary>
    public float[] Draw() => Draw(out _);

    /// <summary>One point of a random cluster, normalised; <paramref name="cluster"/> says which.</summary>
    public float[] Draw(out int cluster)
    {
        cluster = _random.Next(_centres.Length);
        var centre = _centres[cluster];
        var v = Gaussian(_random, Dimension, _spread);
        for (var d = 0; d < v.Length; d++)
        {
            v[d] += centre[d];
        }

        return Normalized(v);
    }

    /// <summary>
    /// <paramref name="count"/> points row-major (point i at i·<see cref="Dimension"/>) with their cluster labels.
    /// </summary>
    public (float[] Rows, int[] Labels) DrawRows(int count)
    {
        var rows = new float[count * Dimension];
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            Draw(out labels[i]).CopyTo(rows, i * Dimension);
        }

        return (rows, labels);
    }

    /// <summary>A vector of independent normal coordinates of standard deviation <paramref name="scale"/> (Box-Muller).</summary>
    public static float[] Gaussian(Random random, int dimension, float scale)
    {
        ArgumentNullException.ThrowIfNull(random);
        var v = new float[dimension];
        for (var d = 0; d < dimension; d++)
        {
            v[d] = scale * MathF.Sqrt(-2f * MathF.Log(1f - random.NextSingle())) * MathF.Cos(2f * MathF.PI * random.NextSingle());
        }

        return v;
    }

    /// <summary>Scales <paramref name="v"/> to unit length in place and returns it.</summary>
    public static float[] Normalized(float[] v)
    {
        ArgumentNullException.ThrowIfNull(v);
        var norm = 0f;
        foreach (var x in v)
        {
            norm += x * x;
        }

        norm = MathF.Sqrt(norm);
        for (var d = 0; d < v.Length; d++)
        {
            v[d] /= norm;
        }

        return v;
    }
}
