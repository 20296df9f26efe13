namespace SearchEngine.Fingerprints;

/// <summary>One landmark: a hash of a spectral peak pair and the frame of its anchor peak.</summary>
/// <param name="Hash">The pair's hash (anchor frequency, target frequency, time difference).</param>
/// <param name="Frame">The anchor's analysis frame; seconds are <c>Frame * Fingerprint.FrameSeconds</c>.</param>
public readonly record struct Landmark(uint Hash, int Frame);
