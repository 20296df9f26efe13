using SearchEngine.Fingerprints;

namespace SearchEngine.Benchmarks.Fingerprints;

/// <summary>
/// Stand-in documents for the scale runs, drawn from the real corpus's fingerprints: each copies the frame pattern
/// (landmark density and its bursts over time) of a randomly chosen real recording, and gives every landmark a hash
/// drawn from the pooled hashes of all real landmarks, so hash frequencies follow the real ones.
/// </summary>
/// <remarks>
/// A query's matching work is the sum of the posting-list lengths of its hashes, so what the stand-ins must get right
/// is how concentrated the hashes are: the sum of squared hash frequencies, Σp². Drawing from a pool of n hashes gives
/// Σ(c/n)², which overstates the unbiased estimate Σc(c − 1)/(n(n − 1)) by about 1/n: a few per cent for the full
/// corpus, so the stand-ins err on the slow side. (Drawing the hash's fields independently was tried and understates
/// Σp² by half: the frame difference depends on the frequencies.) <see cref="Concentration"/> prints both.
/// </remarks>
internal sealed class SyntheticFingerprints
{
    private readonly IReadOnlyList<Fingerprint> _real;
    private readonly uint[] _hashes;
    private readonly Random _random;

    public SyntheticFingerprints(IReadOnlyList<Fingerprint> real, int seed)
    {
        _real = real;
        _hashes = real.SelectMany(f => f.Landmarks).Select(l => l.Hash).ToArray();
        _random = new Random(seed);
        var counts = new Dictionary<uint, long>();
        foreach (var h in _hashes)
        {
            counts[h] = counts.GetValueOrDefault(h) + 1;
        }

        double n = _hashes.Length;
        Concentration = (counts.Values.Sum(c => c * (c - 1.0)) / (n * (n - 1)), counts.Values.Sum(c => c * (double)c) / (n * n));
    }

    /// <summary>Σp² of the real hashes (unbiased estimate from the corpus) and of the stand-ins' hashes.</summary>
    public (double Real, double Synthetic) Concentration { get; }

    public Fingerprint Next()
    {
        var template = _real[_random.Next(_real.Count)];
        var landmarks = new Landmark[template.Landmarks.Length];
        for (var i = 0; i < landmarks.Length; i++)
        {
            landmarks[i] = new Landmark(_hashes[_random.Next(_hashes.Length)], template.Landmarks[i].Frame);
        }

        return new Fingerprint(landmarks, template.FrameSeconds, template.DurationSeconds);
    }
}
