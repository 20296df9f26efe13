namespace SearchEngine.Fingerprints;

/// <summary>
/// What verification found for one candidate (document, offset): the clip's landmarks that have a posting at the
/// offset (±1 frame), the distinct clip frames those landmarks start at, and how many quarter-second stretches of the
/// clip they fall in. Landmarks that share an anchor frame are not independent (one harmonic stack in the clip and the
/// source gives several at once), so frames and stretches, not landmarks, are what chance is judged on.
/// </summary>
internal readonly record struct MatchEvidence(int Hits, int Frames, int Stretches);
