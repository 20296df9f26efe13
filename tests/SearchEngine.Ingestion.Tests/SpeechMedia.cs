using System.Globalization;

namespace SearchEngine.Ingestion.Tests;

/// <summary>
/// Speech made with espeak-ng, for exact-match tests: people talking is what the semantic audio space cannot tell
/// apart, and what fingerprints must. Videos carry it as their sound track under a test-pattern picture; query clips
/// are cuts of it re-encoded to MP3 with pink noise mixed in.
/// </summary>
public static class SpeechMedia
{
    public static readonly string[] Sentences =
    [
        "The harbour master counted forty two fishing boats before the storm reached the northern pier, then he locked the gate and walked home along the cliffs while the lighthouse turned slowly above the grey water.",
        "Our chemistry teacher mixed copper sulphate with warm water in a tall glass beaker, and the whole class watched blue crystals grow on a thread over three long weeks of careful waiting.",
        "A small bakery on the corner sells rye bread, cinnamon rolls and lemon tarts every morning from six, and by nine the queue of neighbours reaches past the flower shop and the old post office.",
        "The mountain railway climbs eleven hundred metres through seven tunnels, and in winter the snow ploughs run before the first train so that skiers reach the summit station before sunrise.",
    ];

    /// <summary>Spoken text that no test indexes: the source of negative clips.</summary>
    public const string Unindexed =
        "Seventeen violins and a single tuba played the overture while the audience searched for their seats, and the conductor waited with his baton raised until the hall was completely silent again.";

    private static readonly string[] Voices = ["en-us", "en", "en-us+f3", "en+m3"];

    /// <summary>Speaks <paramref name="text"/> into a WAV file.</summary>
    public static void Speak(string output, string text, int variant = 0) =>
        MediaFiles.Run("espeak-ng", $"-v {Voices[variant % Voices.Length]} -s {150 + (10 * (variant % 3))} -w \"{output}\" \"{text}\"");

    /// <summary>A video whose sound track is <paramref name="speech"/> (a WAV file) and whose picture is a test pattern.</summary>
    public static void Video(string output, string speech) =>
        MediaFiles.Ffmpeg(output, $"-f lavfi -i testsrc=size=160x120:rate=5 -i \"{speech}\" -map 0:v -map 1:a -c:v libx264 -pix_fmt yuv420p -c:a aac -b:a 96k -shortest");

    /// <summary>
    /// Seconds <paramref name="start"/> to <paramref name="start"/> + <paramref name="seconds"/> of <paramref name="source"/>'s
    /// sound with pink noise about 10 dB below the speech, as a 64 kbit/s MP3 (a query clip as a phone might record it).
    /// </summary>
    public static void NoisyMp3Cut(string output, string source, double start, double seconds)
    {
        var at = start.ToString("0.###", CultureInfo.InvariantCulture);
        var length = seconds.ToString("0.###", CultureInfo.InvariantCulture);
        MediaFiles.Ffmpeg(output,
            $"-ss {at} -t {length} -i \"{source}\" -f lavfi -t {length} -i anoisesrc=color=pink:amplitude=0.03:sample_rate=22050 " +
            "-filter_complex \"[0:a]aresample=22050,aformat=channel_layouts=mono[s];[s][1:a]amix=inputs=2:duration=first:normalize=0[m]\" " +
            "-map \"[m]\" -c:a libmp3lame -b:a 64k");
    }
}
