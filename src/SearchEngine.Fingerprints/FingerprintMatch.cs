namespace SearchEngine.Fingerprints;

/// <summary>A verified exact match of a query clip inside one indexed recording.</summary>
/// <param name="DocumentId">The recording's document.</param>
/// <param name="OffsetSeconds">Where in the source the clip's first sample lies (may be negative when the clip starts before it).</param>
/// <param name="StartSeconds">Start of the matched range in the source.</param>
/// <param name="EndSeconds">End of the matched range in the source.</param>
/// <param name="Confidence">In [0, 1]: how sure the match is; only matches above the index's threshold are returned.</param>
/// <param name="Votes">Landmarks of the clip that agree with the offset.</param>
public sealed record FingerprintMatch(long DocumentId, double OffsetSeconds, double StartSeconds, double EndSeconds, double Confidence, int Votes);
