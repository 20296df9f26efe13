namespace SearchEngine.Fingerprints;

/// <summary>Landmark extraction and matching settings (configuration section <c>Fingerprints</c>).</summary>
public sealed class FingerprintOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Fingerprints";

    /// <summary>Whether audio and video documents get fingerprints at index time.</summary>
    public bool Enabled { get; set; } = true;
}
