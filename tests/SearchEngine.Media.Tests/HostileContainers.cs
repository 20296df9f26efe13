using System.Text;

namespace SearchEngine.Media.Tests;

/// <summary>
/// Playlists (HLS, ffconcat) that name a local file, hidden behind the magic bytes of each audio and video container
/// the sniffer knows: what an attacker uploads to make ffmpeg read a file of the server's.
/// </summary>
internal static class HostileContainers
{
    /// <summary>Each container's magic, as the first bytes of a file.</summary>
    public static IReadOnlyDictionary<string, byte[]> Magics { get; } = new Dictionary<string, byte[]>
    {
        ["id3"] = [.. "ID3"u8, 3, 0, 0, 0, 0, 0, 0],
        ["wav"] = [.. "RIFF"u8, 0xFF, 0xFF, 0, 0, .. "WAVE"u8],
        ["flac"] = [.. "fLaC"u8],
        ["ogg"] = [.. "OggS"u8, 0, 2],
        ["mp4"] = [0, 0, 0, 0x14, .. "ftypisom"u8, 0, 0, 2, 0, .. "isom"u8],
        ["matroska"] = [0x1A, 0x45, 0xDF, 0xA3],
        ["aiff"] = [.. "FORM"u8, 0, 0, 0x10, 0, .. "AIFF"u8],
    };

    public static string Hls(string target) =>
        $"\n#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:10\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:10.0,\n{target}\n#EXT-X-ENDLIST\n";

    public static string Concat(string target) => $"\nffconcat version 1.0\nfile '{target}'\n";

    public static string FileUrl(string target) => $"\n#EXTM3U\n#EXTINF:10.0,\nfile:{target}\n#EXTINF:10.0,\nhttp://127.0.0.1:9/x.ts\n#EXT-X-ENDLIST\n";

    public static byte[] Behind(byte[] magic, string playlist) => [.. magic, .. Encoding.ASCII.GetBytes(playlist)];

    /// <summary>A real MPEG-TS file of one second of sound: what a playlist would make ffmpeg decode.</summary>
    public static string SecretTs => SampleMedia.Ffmpeg("secret-local.ts", "-f lavfi -i sine=frequency=660:duration=1 -c:a mp2 -f mpegts");
}
