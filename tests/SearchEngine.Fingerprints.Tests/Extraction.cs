using Microsoft.Extensions.Options;

namespace SearchEngine.Fingerprints.Tests;

/// <summary>The extractor and an index with default options, and the test sound turned into fingerprints.</summary>
internal static class Extraction
{
    public static FingerprintExtractor Extractor { get; } = new(Options.Create(new FingerprintOptions()));

    public static Fingerprint Of(string path, int sampleRate = 22050) => Extractor.Extract(TestSound.Decode(path, sampleRate), sampleRate);

    public static IReadOnlyList<Fingerprint> QueryOf(string path, int sampleRate = 44100) => Extractor.ExtractQuery(TestSound.Decode(path, sampleRate), sampleRate);
}
