using SearchEngine.Fingerprints;

namespace SearchEngine.Benchmarks.Fingerprints;

/// <summary>A held-out clip that got a match anyway: where it came from and what it was taken for.</summary>
internal sealed record FalsePositive(QueryClip Clip, string Source, string MatchedSource, FingerprintMatch Match);
