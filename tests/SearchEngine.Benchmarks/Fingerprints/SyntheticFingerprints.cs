using SearchEngine.Fingerprints;

namespace SearchEngine.Benchmarks.Fingerprints;

/// <summary>
/// Stand-in documents for the scale runs, drawn from the real corpus's fingerprints: each copies the frame pattern
/// (landmark density and its bursts over time) of a randomly chosen real recording, and gives every landmark a hash
/// made of a (anchor bin, bin difference) pair drawn from the real landmarks' pairs and a frame difference drawn from the
/// real landmarks' frame differences (the fields of <c>LandmarkHash.Pack</c>).
/// </summary>
/// <remarks>
/// A query's matching work is the sum of the posting-list lengths of its hashes, so what the stand-ins must get right
/// is how concentrated the hashes are: the sum of squared hash frequencies, Σp². Drawing whole hashes from the pooled
/// real ones would overstate it badly, since each of the few hundred thousand pooled hashes, most seen once, would
/// stand for a 1/n share (Σp² ≥ 1/n); the 15-bit pairs and 6-bit differences are each seen many times, so their
/// frequencies are well estimated. The price is assuming the frame difference independent of the pair;
/// <see cref="Concentration"/> prints both sides of that assumption so it can be checked.
/// </remarks>
internal sealed class SyntheticFingerprints
{
    private const int FrameDeltaBits = 6;
    private const uint FrameDeltaMask = (1u << FrameDeltaBits) - 1;

    private readonly IReadOnlyList<Fingerprint> _real;
    private readonly uint[] _pairs;
    private readonly uint[] _frameDeltas;
    private readonly Random _random;

    public SyntheticFingerprints(IReadOnlyList<Fingerprint> real, int seed)
    {
        _real = real;
        var hashes = real.SelectMany(f => f.Landmarks).Select(l => l.Hash).ToArray();
        _pairs = hashes.Select(h => h >> FrameDeltaBits).ToArray();
        _frameDeltas = hashes.Select(h => h & FrameDeltaMask).ToArray();
        _random = new Random(seed);
        Concentration = (Collision(hashes), Collision(_pairs) * Collision(_frameDeltas));
    }

    /// <summary>Σp² of the real hashes (unbiased estimate from the corpus) and of the stand-ins' hashes.</summary>
    public (double Real, double Synthetic) Concentration { get; }

    public Fingerprint Next()
    {
        var template = _real[_random.Next(_real.Count)];
        var landmarks = new Landmark[template.Landmarks.Length];
        for (var i = 0; i < landmarks.Length; i++)
        {
            var hash = (_pairs[_random.Next(_pairs.Length)] << FrameDeltaBits) | _frameDeltas[_random.Next(_frameDeltas.Length)];
            landmarks[i] = new Landmark(hash, template.Landmarks[i].Frame);
        }

        return new Fingerprint(landmarks, template.FrameSeconds, template.DurationSeconds);
    }

    /// <summary>The chance that two landmarks drawn independently share a value: Σ c(c − 1) / (n(n − 1)), unbiased for Σp².</summary>
    private static double Collision(uint[] values)
    {
        var counts = new Dictionary<uint, long>();
        foreach (var v in values)
        {
            counts[v] = counts.GetValueOrDefault(v) + 1;
        }

        double n = values.Length;
        return counts.Values.Sum(c => c * (c - 1.0)) / (n * (n - 1));
    }
}
