using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using SearchEngine.Testing;

namespace SearchEngine.Fingerprints.Tests;

/// <summary>
/// Real sound made for the tests with espeak-ng and ffmpeg, once per test run, in a temporary folder, and decoded by
/// ffmpeg to mono float samples.
/// </summary>
internal static class TestSound
{
    private static readonly ConcurrentDictionary<string, Lazy<string>> Made = new();

    public static string Folder { get; } = Directory.CreateTempSubdirectory("searchengine-fingerprint-tests-").FullName;

    /// <summary>About 40 s of synthetic speech over a quiet chord: the "video soundtrack" that gets indexed.</summary>
    public static string Source => Make("source.wav", path =>
    {
        var speech = Speech("source-speech.wav", "en-us",
            "The harbour was quiet that morning. Seven boats waited by the pier while the fishermen mended their nets. " +
            "A gull landed on the mast of the nearest boat and watched the water. Somewhere a radio played an old song " +
            "about the sea, and the smell of coffee drifted from the cafe on the corner. At nine o'clock the bell rang " +
            "and the first boat slowly pulled away from the harbour wall.");
        Ffmpeg($"-i \"{speech}\" -f lavfi -i \"sine=frequency=220:duration=60\" -f lavfi -i \"sine=frequency=330:duration=60\" " +
            "-filter_complex \"[1][2]amix=inputs=2,volume=0.08[bed];[0][bed]amix=inputs=2:duration=first:normalize=0\" -ac 1 -ar 22050", path);
    });

    /// <summary>Other speech, never indexed: what a clip of unrelated material sounds like.</summary>
    public static string Other => Speech("other.wav", "en-gb",
        "Rain fell on the mountain village all afternoon. Children ran between the houses with their coats over their heads, " +
        "and an old man repaired a wooden fence beside the road, counting the nails aloud.");

    /// <summary>
    /// A clip of <paramref name="source"/> from <paramref name="start"/> s for <paramref name="seconds"/> s, mixed with
    /// pink noise at <paramref name="snrDb"/> dB below the clip's level and re-encoded as 64 kbit/s MP3.
    /// </summary>
    public static string NoisyMp3Clip(string name, string source, double start, double seconds, double snrDb) => Make(name, path =>
    {
        var cut = Path.Combine(Folder, name + ".cut.wav");
        Ffmpeg(FormattableString.Invariant($"-ss {start} -t {seconds} -i \"{source}\" -ac 1 -ar 44100"), cut);
        var clip = Decode(cut, 44100);
        var rms = Math.Sqrt(clip.Sum(s => (double)s * s) / clip.Length);
        var noiseAmplitude = rms * Math.Pow(10, -snrDb / 20);
        // anoisesrc's amplitude is the peak of the unfiltered noise; pink noise's RMS is near a third of it.
        Ffmpeg(FormattableString.Invariant(
            $"-i \"{cut}\" -f lavfi -i \"anoisesrc=color=pink:amplitude={Math.Min(1, noiseAmplitude * 3):0.######}:sample_rate=44100:seed=7\" ") +
            "-filter_complex \"[0][1]amix=inputs=2:duration=first:normalize=0\" -ac 1 -c:a libmp3lame -b:a 64k", path);
    });

    /// <summary>
    /// A clip of <paramref name="source"/> from <paramref name="start"/> s for <paramref name="seconds"/> s, played
    /// <paramref name="speed"/> times faster (resampled: pitch and tempo change together) and re-encoded as MP3.
    /// </summary>
    public static string SpeedChangedClip(string name, string source, double start, double seconds, double speed) => Make(name, path =>
        Ffmpeg(FormattableString.Invariant($"-ss {start} -t {seconds} -i \"{source}\" -ac 1 -af \"aresample=22050,asetrate={22050 * speed},aresample=44100\" -c:a libmp3lame -b:a 64k"), path));

    /// <summary>Mono float samples of <paramref name="path"/> at <paramref name="sampleRate"/> Hz.</summary>
    public static float[] Decode(string path, int sampleRate)
    {
        var start = new ProcessStartInfo("ffmpeg",
            $"-nostdin -v error -i \"{path}\" -ac 1 -ar {sampleRate} -f f32le -")
        { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        using var bytes = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(bytes);
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg could not decode {path}: {stderr.Result}");
        }

        return MemoryMarshal.Cast<byte, float>(bytes.GetBuffer().AsSpan(0, (int)bytes.Length)).ToArray();
    }

    private static string Speech(string name, string voice, string text) => Make(name, path => Run("espeak-ng", $"-v {voice} -s 150 -w \"{path}\" \"{text}\""));

    private static void Ffmpeg(string arguments, string output) => Run("ffmpeg", $"-nostdin -v error -y {arguments} \"{output}\"");

    private static string Make(string name, Action<string> write) => Made.GetOrAdd(name, n => new Lazy<string>(() =>
    {
        var path = Path.Combine(Folder, n);
        write(path);
        return path;
    })).Value;

    private static void Run(string tool, string arguments) => ExternalTool.Run(tool, arguments);
}
