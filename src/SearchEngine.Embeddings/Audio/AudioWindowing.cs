namespace SearchEngine.Embeddings.Audio;

/// <summary>
/// How the offline audio tower cuts a clip into windows (the <c>preprocessing</c> object of a <c>yamnet+head</c>
/// tower). YAMNet patches (0.96 s of frames) start every <see cref="PatchHopFrames"/> frames; a window is
/// <see cref="WindowPatches"/> consecutive patches and windows start every <see cref="HopPatches"/> patches.
/// The defaults give 2.88 s windows every 0.96 s — the "about 3 s, hop about 1 s" the search needs — from
/// non-overlapping patches (hop 96 frames instead of YAMNet's 48): every patch is embedded once and shared by the
/// three windows that contain it, which halves the backbone work against YAMNet's own 0.48 s patch hop.
/// Set <c>patchHopFrames</c> to 48 (with <c>windowPatches</c> 5, <c>hopPatches</c> 2) for YAMNet's grid.
/// </summary>
/// <param name="WindowPatches">Patches per window.</param>
/// <param name="HopPatches">Patches between window starts.</param>
/// <param name="PatchHopFrames">10 ms frames between patch starts.</param>
public sealed record AudioWindowing(int WindowPatches = 3, int HopPatches = 1, int PatchHopFrames = YamnetFrontEnd.PatchFrames)
{
    /// <summary>The defaults described above.</summary>
    public static AudioWindowing Default { get; } = new();

    /// <summary>Checks the values make sense.</summary>
    public void Validate()
    {
        if (WindowPatches <= 0 || HopPatches <= 0 || PatchHopFrames <= 0)
        {
            throw new ArgumentException($"Audio windowing needs positive windowPatches ({WindowPatches}), hopPatches ({HopPatches}) and patchHopFrames ({PatchHopFrames}).");
        }
    }

    /// <summary>The windows over <paramref name="patchCount"/> patches: (first patch, patch count); the last may be shorter, none is empty.</summary>
    public IReadOnlyList<(int First, int Count)> Windows(int patchCount)
    {
        var windows = new List<(int, int)>();
        for (var first = 0; ; first += HopPatches)
        {
            windows.Add((first, Math.Min(WindowPatches, patchCount - first)));
            if (first + WindowPatches >= patchCount)
            {
                break;
            }
        }

        return windows;
    }
}
