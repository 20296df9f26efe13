using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using SearchEngine.Media;
using SearchEngine.Testing;
using SkiaSharp;

namespace SearchEngine.Media.Tests;

/// <summary>
/// Real media files made for the tests with ffmpeg, sox, espeak-ng and SkiaSharp, once per test run, in a temporary
/// folder. Each file is made the first time a test asks for it.
/// </summary>
internal static class SampleMedia
{
    private static readonly ConcurrentDictionary<string, Lazy<string>> Made = new();

    public static string Folder { get; } = Directory.CreateTempSubdirectory("searchengine-media-tests-").FullName;

    public static IOptions<MediaOptions> Options(Action<MediaOptions>? configure = null)
    {
        var options = new MediaOptions();
        configure?.Invoke(options);
        return Microsoft.Extensions.Options.Options.Create(options);
    }

    /// <summary>A file made by ffmpeg with <paramref name="arguments"/> (the output path is appended).</summary>
    public static string Ffmpeg(string name, string arguments) =>
        Make(name, path => Run("ffmpeg", $"-nostdin -v error -y {arguments} \"{path}\""));

    /// <summary>A file made by any command; <c>{out}</c> in the arguments is the output path.</summary>
    public static string Tool(string name, string tool, string arguments) =>
        Make(name, path => Run(tool, arguments.Replace("{out}", $"\"{path}\"", StringComparison.Ordinal)));

    /// <summary>A file with exactly these bytes.</summary>
    public static string Bytes(string name, byte[] bytes) => Make(name, path => File.WriteAllBytes(path, bytes));

    /// <summary>A file made from a SkiaSharp bitmap encoded as <paramref name="format"/>.</summary>
    public static string Encoded(string name, SKEncodedImageFormat format, int quality, Func<SKBitmap> draw) => Make(name, path =>
    {
        using var bitmap = draw();
        using var data = bitmap.Encode(format, quality);
        File.WriteAllBytes(path, data.ToArray());
    });

    /// <summary>A copy of <paramref name="source"/> under another name (to test names that lie).</summary>
    public static string Renamed(string name, string source) => Make(name, path => File.Copy(source, path));

    public static string Make(string name, Action<string> write) => Made.GetOrAdd(name, n => new Lazy<string>(() =>
    {
        var path = Path.Combine(Folder, n);
        write(path);
        return path;
    })).Value;

    public static void Run(string tool, string arguments) => ExternalTool.Run(tool, arguments);

    // Common files used by several test classes.
    public static string Mp4WithAudio => Ffmpeg("av.mp4",
        "-f lavfi -i testsrc=size=640x480:rate=25:duration=7 -f lavfi -i sine=frequency=440:duration=7 -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac -shortest");

    public static string Jpeg640 => Ffmpeg("testsrc-640.jpg", "-f lavfi -i testsrc=size=640x480 -frames:v 1 -q:v 3");

    public static string Png => Ffmpeg("testsrc.png", "-f lavfi -i testsrc=size=160x120 -frames:v 1");

    public static string Sine16Wav => Ffmpeg("sine-3s.wav", "-f lavfi -i sine=frequency=440:duration=3:sample_rate=44100 -ac 2 -c:a pcm_s16le");

    public static string Text => Make("notes.txt", path => File.WriteAllText(path, "A dog runs along the beach.\nThe sun sets.\n"));

    public static string Pdf => Make("paper.pdf", path => File.WriteAllText(path,
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"));

    public static string RandomBytes => Bytes("noise.bin", RandomBytesOf(4096, seed: 7));

    public static byte[] RandomBytesOf(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        bytes[0] = 0x42; // never starts like a frame sync or a BOM
        bytes[1] = 0x00;
        return bytes;
    }

    public static string TruncatedJpeg => Make("truncated.jpg", path =>
    {
        var whole = File.ReadAllBytes(Jpeg640);
        File.WriteAllBytes(path, whole[..(whole.Length / 2)]);
    });
}
