namespace SearchEngine.Fingerprints;

/// <summary>A spectral peak: its frame, its FFT bin and how far it stands above its frame (for density thinning).</summary>
internal readonly record struct SpectralPeak(int Frame, int Bin, float Score);
