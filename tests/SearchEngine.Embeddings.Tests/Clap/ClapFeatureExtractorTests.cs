using SearchEngine.Embeddings.Clap;

namespace SearchEngine.Embeddings.Tests.Clap;

// Expected values come from a NumPy transcription of transformers' audio_utils (mel_filter_bank with slaney norm and
// scale, spectrogram with centre reflect padding, periodic Hann, power 2, dB) and ClapFeatureExtractor's repeatpad,
// run on the same signal; the sizes come from laion/clap-htsat-unfused's preprocessor_config.json.
public sealed class ClapFeatureExtractorTests
{
    private static readonly Lazy<float[]> TwoTones = new(() =>
    {
        var extractor = new ClapFeatureExtractor();
        var features = new float[extractor.Settings.FeatureLength];
        extractor.Extract(TwoToneSignal(1.5), features);
        return features;
    });

    [Fact]
    public void Defaults_are_clap_htsat_unfused_with_1001_frames_of_64_mel_bins()
    {
        var settings = ClapAudioPreprocessing.Default;
        Assert.Equal((48_000, 64, 1024, 480, 50.0, 14_000.0, 480_000), (settings.SampleRate, settings.MelBins, settings.FftSize, settings.HopLength, settings.MinFrequency, settings.MaxFrequency, settings.MaxSamples));
        Assert.Equal(1001, settings.Frames);
    }

    [Fact]
    public void The_slaney_filter_bank_matches_the_reference()
    {
        var bank = new ClapFeatureExtractor().FilterBank;
        var weights = Enumerable.Range(0, 513).SelectMany(k => Enumerable.Range(0, 64).Select(m => bank.Weight(k, m))).ToArray();

        Assert.Equal(1.3644328939979529, weights.Sum(), 1e-9);
        Assert.Equal(0.018149516440667732, weights.Max(), 1e-12);
        Assert.Equal(2, Enumerable.Range(0, 513).First(k => bank.Weight(k, 0) > 0));
    }

    [Fact]
    public void Short_audio_is_repeated_then_padded_and_gives_the_reference_log_mel_values()
    {
        var f = TwoTones.Value;

        Assert.Equal(9.195060729980469, f[0], 1e-3);
        Assert.Equal(9.897747039794922, f[1], 1e-3);
        Assert.Equal(11.017484664916992, f[2], 1e-3);
        Assert.Equal(12.635764122009277, f[3], 1e-3);
        Assert.Equal(-21.192188262939453, f[500 * 64 + 10], 1e-3);
        Assert.Equal(-75.80652618408203, f[200 * 64 + 30], 1e-2);
        Assert.Equal(24.268953323364258, f.Max(), 1e-3);
        Assert.Equal(-68.81167608393277, f.Average(v => (double)v), 1e-3);
        Assert.Equal(6, Array.IndexOf(f[(100 * 64)..(101 * 64)], f[(100 * 64)..(101 * 64)].Max()));
    }

    [Fact]
    public void The_zero_padding_after_the_last_whole_repeat_is_the_minus_100_dB_floor()
    {
        // 1.5 s repeats 6 times (9 s); frames after 9 s + half a window see only zeros.
        var f = TwoTones.Value;
        Assert.Equal(-100f, f[950 * 64 + 5]);
        Assert.All(f[(1000 * 64)..], v => Assert.Equal(-100f, v));
    }

    [Fact]
    public void Silence_and_empty_audio_are_the_floor_everywhere()
    {
        var extractor = new ClapFeatureExtractor();
        var features = new float[extractor.Settings.FeatureLength];
        extractor.Extract(new float[48_000], features);
        Assert.All(features, v => Assert.Equal(-100f, v));
        extractor.Extract([], features);
        Assert.All(features, v => Assert.Equal(-100f, v));
    }

    [Fact]
    public void Audio_longer_than_ten_seconds_is_cut_to_its_head()
    {
        var extractor = new ClapFeatureExtractor();
        var head = new float[extractor.Settings.FeatureLength];
        var longer = new float[extractor.Settings.FeatureLength];
        var signal = TwoToneSignal(12);
        extractor.Extract(signal.AsSpan(0, 480_000), head);
        extractor.Extract(signal, longer);
        Assert.Equal(head, longer);
    }

    internal static float[] TwoToneSignal(double seconds)
    {
        var samples = new float[(int)(seconds * 48_000)];
        for (var n = 0; n < samples.Length; n++)
        {
            var t = n / 48_000.0;
            samples[n] = (float)(0.5 * Math.Sin(2 * Math.PI * 440 * t) + 0.25 * Math.Sin(2 * Math.PI * 3000 * t));
        }

        return samples;
    }
}
