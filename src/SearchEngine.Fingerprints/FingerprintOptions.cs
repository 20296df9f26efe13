namespace SearchEngine.Fingerprints;

/// <summary>Landmark extraction and matching settings (configuration section <c>Fingerprints</c>).</summary>
public sealed class FingerprintOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Fingerprints";

    /// <summary>Whether audio and video documents get fingerprints at index time.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Spectral peaks kept per second (the densest any one-second window may be). More peaks survive more noise, and
    /// cost index memory linearly.
    /// </summary>
    public int PeaksPerSecond { get; set; } = 30;

    /// <summary>Targets paired with each anchor peak: landmarks per second are about <see cref="PeaksPerSecond"/> times this.</summary>
    public int FanOut { get; set; } = 4;

    /// <summary>
    /// The speed changes a query is also tried at, as a fraction (0.02: the clip is also read 2 % slower and 2 % faster,
    /// pitch and tempo together), to find clips whose playback speed was changed; 0 turns the speed search off.
    /// </summary>
    public double SpeedSearchStep { get; set; } = 0.02;

    /// <summary>
    /// The most postings one query variant votes with: beyond it only the landmarks with the rarest hashes vote (all are
    /// still verified), which bounds query time in a large index.
    /// </summary>
    public int MaxVotes { get; set; } = 100_000;

    /// <summary>The least <see cref="FingerprintMatch.Confidence"/> a match needs to be returned.</summary>
    public double MinConfidence { get; set; } = 0.5;

    /// <summary>
    /// The least number of distinct clip frames whose landmarks agree with a match's offset, however unlikely chance
    /// makes them: different recordings of similar sound (two voices, two engines) share a few by structure, not chance.
    /// </summary>
    public int MinFrames { get; set; } = 7;

    /// <summary>The least number of quarter-second stretches of the clip those frames must fall in, so one shared word or bark cannot match.</summary>
    public int MinStretches { get; set; } = 4;

    /// <summary>
    /// The least share of the clip's sounding quarter-seconds that a match's frames must fall in. A long clip that
    /// shares one phrase or one stationary noise with a recording it was not cut from agrees with it in a second or
    /// two; a clip cut from the recording agrees along most of its length, even under noise.
    /// </summary>
    public double MinStretchShare { get; set; } = 0.35;
}
