using SearchEngine.Fingerprints;

namespace SearchEngine.Benchmarks.Fingerprints;

/// <summary>
/// Stand-in documents for the scale runs, drawn from the real corpus's fingerprints: each copies the frame pattern
/// (landmark density and its bursts over time) of a randomly chosen real recording and gives every landmark a hash
/// drawn from the pooled hashes of all real landmarks, so hash frequencies follow the real distribution. A query's work
/// is the sum of the posting-list lengths of its hashes, whose expectation depends on that distribution only through
/// the sum of squared hash frequencies, which a sample of a few hundred thousand landmarks estimates well; what a pool
/// cannot show is the long tail of hashes never seen, so distinct keys are fewer than in real audio of that size.
/// </summary>
internal sealed class SyntheticFingerprints(IReadOnlyList<Fingerprint> real, int seed)
{
    private readonly uint[] _hashes = real.SelectMany(f => f.Landmarks).Select(l => l.Hash).ToArray();
    private readonly Random _random = new(seed);

    public Fingerprint Next()
    {
        var template = real[_random.Next(real.Count)];
        var landmarks = new Landmark[template.Landmarks.Length];
        for (var i = 0; i < landmarks.Length; i++)
        {
            landmarks[i] = new Landmark(_hashes[_random.Next(_hashes.Length)], template.Landmarks[i].Frame);
        }

        return new Fingerprint(landmarks, template.FrameSeconds, template.DurationSeconds);
    }
}
