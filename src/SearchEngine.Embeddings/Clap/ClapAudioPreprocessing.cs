namespace SearchEngine.Embeddings.Clap;

/// <summary>
/// CLAP's audio front-end parameters (the <c>preprocessing</c> object of a <c>clap-audio</c> tower in
/// <c>pack.json</c>). The defaults are laion/clap-htsat-unfused's <c>preprocessor_config.json</c> (hub commit
/// 8fa0f1c6): 48 kHz, 64 mel bins from 50 Hz to 14 kHz, 1024-point FFT, hop 480, 10 s per input,
/// <c>truncation: rand_trunc</c> and <c>padding: repeatpad</c>, <c>top_db: null</c>.
/// </summary>
/// <param name="SampleRate">Samples per second the model expects.</param>
/// <param name="MelBins">Mel filters (the feature size).</param>
/// <param name="FftSize">FFT and window length in samples.</param>
/// <param name="HopLength">Samples between frames.</param>
/// <param name="MinFrequency">Lowest mel-filter edge in Hz.</param>
/// <param name="MaxFrequency">Highest mel-filter edge in Hz.</param>
/// <param name="MaxSeconds">Seconds of audio per model input (shorter audio is repeated, then zero-padded).</param>
/// <param name="HopSeconds">Seconds between the starts of consecutive windows of a long clip.</param>
public sealed record ClapAudioPreprocessing(
    int SampleRate,
    int MelBins,
    int FftSize,
    int HopLength,
    double MinFrequency,
    double MaxFrequency,
    int MaxSeconds,
    double HopSeconds)
{
    /// <summary>laion/clap-htsat-unfused's values, with windows of a long clip laid end to end (hop = 10 s).</summary>
    public static ClapAudioPreprocessing Default { get; } = new(48_000, 64, 1024, 480, 50, 14_000, 10, 10);

    /// <summary>Samples per model input (480 000).</summary>
    public int MaxSamples => MaxSeconds * SampleRate;

    /// <summary>Frames per model input: with centred frames, <c>MaxSamples / HopLength + 1</c> (1 001).</summary>
    public int Frames => MaxSamples / HopLength + 1;

    /// <summary>Floats per model input (<see cref="Frames"/> × <see cref="MelBins"/>).</summary>
    public int FeatureLength => Frames * MelBins;

    /// <summary>Throws a clear error for settings the front end cannot honour.</summary>
    public void Validate()
    {
        if (SampleRate <= 0 || MelBins <= 0 || HopLength <= 0 || MaxSeconds <= 0 || HopSeconds <= 0)
        {
            throw new ArgumentException("CLAP preprocessing needs positive sampleRate, melBins, hopLength, maxSeconds and hopSeconds.");
        }

        if (FftSize < 2 || (FftSize & (FftSize - 1)) != 0 || FftSize >= MaxSamples)
        {
            throw new ArgumentException($"CLAP preprocessing needs fftSize to be a power of two shorter than one input; got {FftSize}.");
        }

        if (MinFrequency < 0 || MaxFrequency <= MinFrequency || MaxFrequency > SampleRate / 2.0)
        {
            throw new ArgumentException($"CLAP preprocessing needs 0 ≤ minFrequency < maxFrequency ≤ sampleRate / 2; got {MinFrequency}–{MaxFrequency} Hz.");
        }
    }
}
