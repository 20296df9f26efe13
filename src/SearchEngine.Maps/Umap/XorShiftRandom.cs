namespace SearchEngine.Maps.Umap;

/// <summary>
/// A small value-type generator (xorshift64*) seeded from (seed, epoch, block) through SplitMix64, so every block of
/// edges in every epoch draws its own reproducible stream without allocating or sharing state between threads.
/// </summary>
internal struct XorShiftRandom
{
    private ulong _state;

    public XorShiftRandom(ulong seed, ulong epoch, ulong block)
    {
        _state = SplitMix(SplitMix(SplitMix(seed) ^ epoch) ^ block) | 1;
    }

    public uint Next()
    {
        _state ^= _state >> 12;
        _state ^= _state << 25;
        _state ^= _state >> 27;
        return (uint)((_state * 0x2545F4914F6CDD1DUL) >> 32);
    }

    private static ulong SplitMix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
