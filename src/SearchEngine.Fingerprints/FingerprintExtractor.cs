using Microsoft.Extensions.Options;

namespace SearchEngine.Fingerprints;

/// <summary>Turns decoded mono sound into landmarks. Stateless and thread-safe.</summary>
public sealed class FingerprintExtractor(IOptions<FingerprintOptions> options)
{
    private readonly FingerprintOptions _options = options.Value;

    /// <summary>The landmarks of <paramref name="samples"/> (mono, in [-1, 1]) at <paramref name="sampleRate"/> Hz; resamples as it needs.</summary>
    public Fingerprint Extract(ReadOnlySpan<float> samples, int sampleRate) => throw new NotImplementedException();
}
