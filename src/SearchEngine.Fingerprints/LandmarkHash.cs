namespace SearchEngine.Fingerprints;

/// <summary>
/// The layout of a landmark hash: anchor bin (8 bits), target bin minus anchor bin (7 bits, offset by 64) and frames
/// from anchor to target (6 bits), 21 bits in all, after Wang (2003) and Ellis' audfprint. The hash is also the bucket
/// of the inverted index, so every bit pattern is a valid hash.
/// </summary>
internal static class LandmarkHash
{
    /// <summary>Bits a hash uses.</summary>
    public const int Bits = 21;

    /// <summary>The largest anchor-to-target frame distance.</summary>
    public const int MaxFrameDelta = 63;

    /// <summary>The largest |target bin − anchor bin|.</summary>
    public const int MaxBinDelta = 63;

    /// <summary>The largest bin a hash can name.</summary>
    public const int MaxBin = 255;

    /// <summary>Packs an anchor at <paramref name="anchorBin"/> and a target <paramref name="binDelta"/> bins and <paramref name="frameDelta"/> frames away.</summary>
    public static uint Pack(int anchorBin, int binDelta, int frameDelta) =>
        ((uint)anchorBin << 13) | ((uint)(binDelta + 64) << 6) | (uint)frameDelta;
}
