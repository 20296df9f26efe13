namespace SearchEngine.Testing.Packs;

/// <summary>The deterministic weights and the normalization the tiny CLIP and CLAP test models share.</summary>
public static class TinyWeights
{
    /// <summary><paramref name="count"/> values uniform in [-1, 1) from <paramref name="seed"/>.</summary>
    public static float[] Uniform(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1))];
    }

    /// <summary><paramref name="vector"/> scaled to unit length, as float.</summary>
    public static float[] Unit(double[] vector)
    {
        var norm = Math.Sqrt(vector.Sum(v => v * v));
        return [.. vector.Select(v => (float)(v / norm))];
    }
}
