using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;

namespace SearchEngine.QueryApi.Tests.BadInput;

/// <summary>
/// Makes the files the upload cases send, in the suite's scratch folder: real media from ffmpeg, then cut, patched or
/// prefixed into what an attacker or a broken client uploads. Nothing hostile is committed.
/// </summary>
internal sealed class HostileUploads(string scratch)
{
    /// <summary>Real files of each type, as ffmpeg writes them (the name's extension picks the muxer).</summary>
    public static readonly (string Name, string Arguments)[] Originals =
    [
        ("a.jpg", "-f lavfi -i testsrc=size=64x48 -frames:v 1"),
        ("a.png", "-f lavfi -i testsrc=size=64x48 -frames:v 1"),
        ("a.gif", "-f lavfi -i testsrc=size=64x48 -frames:v 1"),
        ("a.webp", "-f lavfi -i testsrc=size=64x48 -frames:v 1"),
        ("a.bmp", "-f lavfi -i testsrc=size=64x48 -frames:v 1"),
        ("a.wav", "-f lavfi -i sine=duration=1"),
        ("a.flac", "-f lavfi -i sine=duration=1"),
        ("a.mp3", "-f lavfi -i sine=duration=1"),
        ("a.ogg", "-f lavfi -i sine=duration=1 -c:a libvorbis"),
        ("a.opus", "-f lavfi -i sine=duration=1"),
        ("a.m4a", "-f lavfi -i sine=duration=1"),
        ("a.mka", "-f lavfi -i sine=duration=1 -c:a flac"),
        ("a.mp4", "-f lavfi -i testsrc=size=64x48:duration=1 -f lavfi -i sine=duration=1 -pix_fmt yuv420p -shortest"),
        ("a.webm", "-f lavfi -i testsrc=size=64x48:duration=1 -f lavfi -i sine=duration=1 -c:v libvpx -deadline realtime -c:a libopus -shortest"),
        ("a.avi", "-f lavfi -i testsrc=size=64x48:duration=1 -f lavfi -i sine=duration=1 -shortest"),
    ];

    /// <summary>Each container's magic bytes, as a file's start.</summary>
    public static readonly (string Name, byte[] Magic, bool IsId3)[] Magics =
    [
        ("id3", [.. "ID3"u8, 3, 0, 0, 0, 0, 0, 0], true),
        ("wav", [.. "RIFF"u8, 0xFF, 0xFF, 0, 0, .. "WAVE"u8], false),
        ("flac", [.. "fLaC"u8], false),
        ("ogg", [.. "OggS"u8, 0, 2], false),
        ("mp4", [0, 0, 0, 0x14, .. "ftypisom"u8, 0, 0, 2, 0, .. "isom"u8], false),
        ("matroska", [0x1A, 0x45, 0xDF, 0xA3], false),
        ("aiff", [.. "FORM"u8, 0, 0, 0x10, 0, .. "AIFF"u8], false),
        ("avi", [.. "RIFF"u8, 0xFF, 0xFF, 0, 0, .. "AVI "u8], false),
    ];

    public string Original(string name) => Path.Combine(scratch, "originals", name);

    /// <summary>Writes every original with ffmpeg (once).</summary>
    public void MakeOriginals()
    {
        Directory.CreateDirectory(Path.Combine(scratch, "originals"));
        foreach (var (name, arguments) in Originals)
        {
            Ffmpeg(arguments, Original(name));
        }
    }

    public string Bytes(string name, byte[] bytes)
    {
        var path = Path.Combine(scratch, $"{Guid.NewGuid():N}-{name.Replace('/', '_')}");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public string Text(string name, string text) => Bytes(name, Encoding.UTF8.GetBytes(text));

    public string Truncated(string original, int keep) => Bytes("cut-" + original, File.ReadAllBytes(Original(original))[..keep]);

    public static byte[] Noise(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>A real PNG whose IHDR claims <paramref name="side"/>² pixels, with a valid CRC so decoders believe it.</summary>
    public string PngClaiming(int side)
    {
        var png = File.ReadAllBytes(Original("a.png"));
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), side);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), side);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32(png.AsSpan(12, 17)));
        return Bytes("bomb.png", png);
    }

    /// <summary>A real JPEG whose frame header claims 65000×65000.</summary>
    public string JpegClaimingHuge()
    {
        var jpeg = File.ReadAllBytes(Original("a.jpg"));
        for (var i = 2; i + 9 < jpeg.Length; i++)
        {
            if (jpeg[i] == 0xFF && jpeg[i + 1] is 0xC0 or 0xC1 or 0xC2)
            {
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 5), 65000);
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 7), 65000);
                break;
            }
        }

        return Bytes("bomb.jpg", jpeg);
    }

    /// <summary>A real GIF whose logical screen and first frame claim 65535×65535.</summary>
    public string GifClaimingHuge()
    {
        var gif = File.ReadAllBytes(Original("a.gif"));
        BinaryPrimitives.WriteUInt16LittleEndian(gif.AsSpan(6), 65535);
        BinaryPrimitives.WriteUInt16LittleEndian(gif.AsSpan(8), 65535);
        return Bytes("bomb.gif", gif);
    }

    /// <summary>A real BMP whose header claims 100000×100000.</summary>
    public string BmpClaimingHuge()
    {
        var bmp = File.ReadAllBytes(Original("a.bmp"));
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), 100_000);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), 100_000);
        return Bytes("bomb.bmp", bmp);
    }

    /// <summary>Three hours of silence: ~2 MB of FLAC, 170 M samples at 16 kHz.</summary>
    public string SilentFlac(double seconds)
    {
        var path = Path.Combine(scratch, $"silence-{seconds}.flac");
        Ffmpeg($"-f lavfi -i anullsrc=r=8000:cl=mono -t {seconds} -c:a flac -compression_level 8", path);
        return path;
    }

    /// <summary>A real MPEG-TS file on the server's disk, the kind of file a playlist names.</summary>
    public string LocalTs()
    {
        var path = Path.Combine(scratch, "server-local.ts");
        Ffmpeg("-f lavfi -i sine=frequency=660:duration=2 -c:a mp2 -f mpegts", path);
        return path;
    }

    public static string Hls(string target) =>
        $"\n#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:10\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:10.0,\n{target}\n#EXT-X-ENDLIST\n";

    public static string Concat(string target) => $"\nffconcat version 1.0\nfile '{target}'\n";

    public static string FileUrl(string target) => $"\n#EXTM3U\n#EXTINF:10.0,\nfile:{target}\n#EXT-X-ENDLIST\n";

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    private static void Ffmpeg(string arguments, string output)
    {
        var start = new ProcessStartInfo("ffmpeg", $"-nostdin -v error -y {arguments} \"{output}\"") { RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start");
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg {arguments} failed: {stderr}");
        }
    }
}
