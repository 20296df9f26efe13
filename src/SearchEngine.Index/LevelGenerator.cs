namespace SearchEngine.Index;

/// <summary>
/// Draws a node's top layer as ⌊−ln(U)·mL⌋ with mL = 1/ln(M) (Malkov &amp; Yashunin, section 4), from a seeded generator
/// so a single-threaded build is reproducible.
/// </summary>
internal sealed class LevelGenerator
{
    private readonly Random _random;
    private readonly double _mL;
    private readonly Lock _lock = new();

    /// <summary>Creates a generator for links per node <paramref name="m"/>.</summary>
    public LevelGenerator(int m, int seed)
    {
        _random = new Random(seed);
        _mL = 1.0 / Math.Log(m);
    }

    /// <summary>The next node's top layer (0 for most nodes).</summary>
    public int Next()
    {
        double u;
        lock (_lock)
        {
            u = _random.NextDouble();
        }
        // 1 − u is in (0, 1], so the logarithm is finite; the cap keeps a pathological draw from allocating a huge node.
        return Math.Min((int)(-Math.Log(1.0 - u) * _mL), 30);
    }
}
