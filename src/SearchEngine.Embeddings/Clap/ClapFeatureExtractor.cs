using SearchEngine.Embeddings.Audio;

namespace SearchEngine.Embeddings.Clap;

/// <summary>
/// CLAP's log-mel front end as Hugging Face's <c>ClapFeatureExtractor</c> computes it for the unfused models
/// (<c>truncation="rand_trunc"</c>): audio shorter than one input is repeated a whole number of times
/// (<c>repeatpad</c>) and zero-padded to <see cref="ClapAudioPreprocessing.MaxSamples"/>; frames are centred
/// (reflect-padded by half an FFT), windowed with a periodic Hann window, turned into power spectra, passed through
/// the Slaney mel bank (<see cref="SlaneyMelFilterBank"/>), floored at 1e-10 and converted to dB (10·log10, reference
/// 1, no top_db). Audio longer than one input is cut to its first <see cref="ClapAudioPreprocessing.MaxSamples"/>
/// samples here — Hugging Face crops at a random offset, which indexing must not do; <see cref="ClapAudioTower"/>
/// windows long clips instead. Output: <c>[Frames, MelBins]</c> row-major. Thread-safe.
/// </summary>
public sealed class ClapFeatureExtractor
{
    private const double MelFloor = 1e-10;

    private readonly ClapAudioPreprocessing _settings;
    private readonly SlaneyMelFilterBank _bank;
    private readonly double[] _window;

    /// <summary>Creates the front end; <paramref name="settings"/> defaults to laion/clap-htsat-unfused's.</summary>
    public ClapFeatureExtractor(ClapAudioPreprocessing? settings = null)
    {
        _settings = settings ?? ClapAudioPreprocessing.Default;
        _settings.Validate();
        _bank = new SlaneyMelFilterBank(_settings.FftSize, _settings.MelBins, _settings.MinFrequency, _settings.MaxFrequency, _settings.SampleRate);
        _window = new double[_settings.FftSize];
        for (var n = 0; n < _window.Length; n++)
        {
            // Periodic Hann (np.hanning(N + 1)[:-1]).
            _window[n] = 0.5 - 0.5 * Math.Cos(2 * Math.PI * n / _window.Length);
        }
    }

    /// <summary>The settings in use.</summary>
    public ClapAudioPreprocessing Settings => _settings;

    /// <summary>The mel filter bank in use.</summary>
    public SlaneyMelFilterBank FilterBank => _bank;

    /// <summary>
    /// Writes the log-mel features of <paramref name="samples"/> (mono, at the configured rate) into
    /// <paramref name="features"/> (<see cref="ClapAudioPreprocessing.FeatureLength"/> floats). Empty audio is silence.
    /// </summary>
    public void Extract(ReadOnlySpan<float> samples, Span<float> features)
    {
        if (features.Length != _settings.FeatureLength)
        {
            throw new ArgumentException($"The destination must hold {_settings.Frames}×{_settings.MelBins} = {_settings.FeatureLength} floats.", nameof(features));
        }

        var input = Fit(samples);
        var fft = _settings.FftSize;
        var half = fft / 2;
        var frame = new double[fft];
        var power = new double[half + 1];
        var mel = new double[_settings.MelBins];
        var spectrum = new PowerSpectrum(fft);
        for (var f = 0; f < _settings.Frames; f++)
        {
            var start = f * _settings.HopLength - half;
            for (var n = 0; n < fft; n++)
            {
                frame[n] = input[Reflect(start + n, input.Length)] * _window[n];
            }

            spectrum.Compute(frame, power);
            _bank.Apply(power, mel);
            var row = features.Slice(f * _settings.MelBins, _settings.MelBins);
            for (var m = 0; m < mel.Length; m++)
            {
                row[m] = (float)(10.0 * Math.Log10(Math.Max(MelFloor, mel[m])));
            }
        }
    }

    /// <summary>One input's worth of samples: the head of long audio, or short audio repeated then zero-padded.</summary>
    private float[] Fit(ReadOnlySpan<float> samples)
    {
        var length = _settings.MaxSamples;
        var input = new float[length];
        if (samples.Length >= length)
        {
            samples[..length].CopyTo(input);
            return input;
        }

        if (samples.Length == 0)
        {
            return input;
        }

        // repeatpad: int(max_length / len) whole copies, the rest zeros.
        var copies = length / samples.Length;
        for (var c = 0; c < copies; c++)
        {
            samples.CopyTo(input.AsSpan(c * samples.Length));
        }

        return input;
    }

    // np.pad(mode="reflect"): mirror about the first and last sample without repeating them.
    private static int Reflect(int index, int length)
    {
        if (index < 0)
        {
            return -index;
        }

        return index >= length ? 2 * (length - 1) - index : index;
    }
}
