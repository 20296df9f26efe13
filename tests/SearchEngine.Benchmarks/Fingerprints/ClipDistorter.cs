using System.Globalization;

namespace SearchEngine.Benchmarks.Fingerprints;

/// <summary>
/// Turns a clean cut of a master into a query file with ffmpeg, the way a clip would reach the engine: speed change
/// (asetrate + aresample: pitch and tempo together, as a playback-speed change), gain (volume), echo (aecho), pink
/// (anoisesrc) or babble noise mixed in with amix at a signal-to-noise ratio relative to the clip's own RMS, a
/// delivery sample rate (aresample), and a real encode and decode round trip. The result is a 16-bit WAV at the rate the
/// clip is delivered at, so loud clips clip and lossy codecs come back at their own sample rates.
/// </summary>
internal sealed class ClipDistorter
{
    private readonly string _babblePath;
    private readonly double _babbleSeconds;
    private readonly double _babbleRms;
    private readonly double _pinkRmsAtFullScale;

    public ClipDistorter(string babblePath)
    {
        _babblePath = babblePath;
        var (babble, rate) = MonoWave.Read(babblePath);
        _babbleSeconds = babble.Length / (double)rate;
        _babbleRms = Rms(babble);
        // anoisesrc's amplitude is a peak bound, not a level: measure what amplitude 1 gives once, then scale with volume.
        var pink = MediaCommand.DecodeMono(["-f", "lavfi", "-i", $"anoisesrc=color=pink:sample_rate={FingerprintCorpus.MasterRate}:amplitude=1:seed=1:duration=30"],
            FingerprintCorpus.MasterRate);
        _pinkRmsAtFullScale = Rms(pink);
    }

    public static double Rms(ReadOnlySpan<float> samples)
    {
        double sum = 0;
        foreach (var s in samples)
        {
            sum += (double)s * s;
        }

        return samples.Length == 0 ? 0 : Math.Sqrt(sum / samples.Length);
    }

    /// <summary>Writes <paramref name="output"/>; <paramref name="number"/> picks speed sign, codec turn and noise seed.</summary>
    public void Make(float[] clip, Distortion distortion, int number, string output)
    {
        const int rate = FingerprintCorpus.MasterRate;
        var scratch = output + ".scratch";
        var input = scratch + ".wav";
        MonoWave.Write(input, clip, rate);
        var random = new Random(number * 7919 + 17);
        var arguments = new List<string> { "-i", input };
        var chain = new List<string>();
        if (distortion.SpeedPercent != 0)
        {
            var factor = 1 + (number % 2 == 0 ? 1 : -1) * distortion.SpeedPercent / 100;
            chain.Add($"asetrate={Math.Round(rate * factor)},aresample={rate}");
        }

        if (distortion.GainDb != 0)
        {
            chain.Add(Invariant($"volume={distortion.GainDb}dB"));
        }

        if (distortion.EchoMilliseconds > 0)
        {
            chain.Add(Invariant($"aecho=1:1:{distortion.EchoMilliseconds}:0.5"));
        }

        var graph = $"[0:a]{(chain.Count == 0 ? "anull" : string.Join(',', chain))}[s]";
        var last = "[s]";
        if (distortion.Noise != NoiseKind.None)
        {
            var seconds = clip.Length / (double)rate + 1;
            var noiseRms = Rms(clip) / Math.Pow(10, distortion.SnrDb / 20);
            double scale;
            if (distortion.Noise == NoiseKind.Pink)
            {
                arguments.AddRange(["-f", "lavfi", "-i", Invariant($"anoisesrc=color=pink:sample_rate={rate}:amplitude=1:seed={random.Next()}:duration={seconds:F3}")]);
                scale = noiseRms / _pinkRmsAtFullScale;
            }
            else
            {
                var start = random.NextDouble() * Math.Max(0, _babbleSeconds - seconds);
                arguments.AddRange(["-ss", Invariant($"{start:F3}"), "-t", Invariant($"{seconds:F3}"), "-i", _babblePath]);
                scale = noiseRms / _babbleRms;
            }

            graph += Invariant($";[1:a]volume={scale:G6}[n];[s][n]amix=inputs=2:normalize=0:duration=first[m]");
            last = "[m]";
        }

        if (distortion.ResampleTo > 0)
        {
            graph += Invariant($";{last}aresample={distortion.ResampleTo}[r]");
            last = "[r]";
        }

        arguments.AddRange(["-filter_complex", graph, "-map", last]);
        var codec = distortion.Codec == Codec.Rotate ? (Codec)(1 + number % 3) : distortion.Codec;
        try
        {
            if (codec == Codec.None)
            {
                MediaCommand.Ffmpeg([.. arguments, "-c:a", "pcm_s16le", output]);
                return;
            }

            var (encoder, bitrate, encodedRate, extension) = codec switch
            {
                Codec.Mp3At64k => ("libmp3lame", "64k", 44100, ".mp3"),
                Codec.OpusAt32k => ("libopus", "32k", 48000, ".opus"),
                _ => ("aac", "64k", 44100, ".m4a"),
            };
            var encoded = scratch + extension;
            MediaCommand.Ffmpeg([.. arguments, "-ar", Invariant($"{encodedRate}"), "-c:a", encoder, "-b:a", bitrate, encoded]);
            MediaCommand.Ffmpeg("-i", encoded, "-ac", "1", "-c:a", "pcm_s16le", output);
            File.Delete(encoded);
        }
        finally
        {
            File.Delete(input);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
