using System.Net.Http.Headers;
using System.Text;

namespace SearchEngine.QueryApi.Tests.BadInput;

/// <summary>
/// Hostile and broken files uploaded to POST /api/search: empty and truncated files of every type, garbage behind each
/// magic number, playlists (HLS, ffconcat, file: URLs) behind each container's magic, decompression bombs, hostile SVG
/// and text, and files that are not media at all. Each must be refused with its 4xx naming the problem.
/// </summary>
internal static class UploadedFileCases
{
    private const string Surface = "uploaded file";

    public static IEnumerable<BadInputCase> Create(SearchSite site, string scratch)
    {
        _ = site;
        var files = new HostileUploads(scratch);
        files.MakeOriginals();
        var cases = new List<BadInputCase>();
        void Add(string name, string path, string fileName, int status, string mustName) =>
            cases.Add(new BadInputCase(Surface, name, client => UploadAsync(client, path, fileName), status, mustName));

        foreach (var (name, _) in HostileUploads.Originals)
        {
            Add($"zero-length {name}", files.Bytes(name, []), name, 400, "empty");
        }

        // Cut where each format is still recognisable by its magic but its data is gone.
        foreach (var (name, keep, mustName) in new[]
        {
            ("a.jpg", 300, "image"), ("a.png", 80, "image"), ("a.gif", 40, "image"), ("a.webp", 40, "image"), ("a.bmp", 60, "image"),
            ("a.wav", 44, "audio"), ("a.flac", 120, "audio"), ("a.ogg", 200, "audio"), ("a.opus", 200, "audio"),
            ("a.m4a", 60, "audio"), ("a.mka", 60, "audio"), ("a.mp4", 60, "audio"), ("a.webm", 60, "audio"), ("a.avi", 60, "audio"),
        })
        {
            Add($"truncated {name} ({keep} bytes)", files.Truncated(name, keep), name, 422, mustName);
        }

        // Garbage after each magic number.
        foreach (var (name, magic, status, mustName) in new (string, byte[], int, string)[]
        {
            ("jpeg", [0xFF, 0xD8, 0xFF, 0xE0], 422, "image"),
            ("png", [0x89, .. "PNG"u8, 0x0D, 0x0A, 0x1A, 0x0A], 422, "image"),
            ("gif", [.. "GIF89a"u8], 422, "image"),
            ("webp", [.. "RIFF"u8, 0, 8, 0, 0, .. "WEBP"u8], 422, "image"),
            ("bmp", [.. "BM"u8, 0, 8, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0, 40, 0, 0, 0], 422, "image"),
            ("wav", [.. "RIFF"u8, 0, 8, 0, 0, .. "WAVE"u8], 422, "audio"),
            ("flac", [.. "fLaC"u8], 422, "audio"),
            ("ogg", [.. "OggS"u8], 422, "audio"),
            ("id3", [.. "ID3"u8, 4, 0, 0, 0, 0, 0, 0], 415, "ID3"),
            ("mp4", [0, 0, 0, 0x14, .. "ftypisom"u8, 0, 0, 2, 0, .. "isom"u8], 422, "audio"),
            ("matroska", [0x1A, 0x45, 0xDF, 0xA3], 422, "audio"),
            ("aiff", [.. "FORM"u8, 0, 0, 8, 0, .. "AIFF"u8], 422, "audio"),
            ("avi", [.. "RIFF"u8, 0, 8, 0, 0, .. "AVI "u8], 422, "audio"),
        })
        {
            Add($"garbage after {name} magic", files.Bytes(name, [.. magic, .. HostileUploads.Noise(2048, name.Length)]), $"x.{name}", status, mustName);
        }

        // Playlists naming a real file of the server's, behind each container's magic: never followed.
        var secret = files.LocalTs();
        foreach (var (name, magic, isId3) in HostileUploads.Magics)
        {
            foreach (var (kind, playlist) in new[] { ("HLS", HostileUploads.Hls(secret)), ("ffconcat", HostileUploads.Concat(secret)), ("file: URL", HostileUploads.FileUrl(secret)) })
            {
                Add($"{kind} playlist behind {name} magic", files.Bytes(name, [.. magic, .. Encoding.ASCII.GetBytes(playlist)]),
                    name == "id3" ? "q.mp3" : $"q.{name}", isId3 ? 415 : 422, isId3 ? "ID3" : "audio");
            }
        }

        // Decompression bombs: tiny files that claim (or hold) enormous content.
        Add("PNG claiming 100000×100000 pixels", files.PngClaiming(100_000), "bomb.png", 422, "pixels");
        Add("JPEG claiming 65000×65000 pixels", files.JpegClaimingHuge(), "bomb.jpg", 422, "pixels");
        Add("GIF claiming 65535×65535 pixels", files.GifClaimingHuge(), "bomb.gif", 422, "image");
        Add("BMP claiming 100000×100000 pixels", files.BmpClaimingHuge(), "bomb.bmp", 422, "image");
        Add("FLAC of 3 hours of silence", files.SilentFlac(3 * 3600), "silence.flac", 422, "Media:MaxQueryAudioSeconds");
        Add("FLAC of 61 s of silence, just over the query limit", files.SilentFlac(61), "silence61.flac", 422, "60 s");
        Add("SVG embedding a PNG claiming 100000×100000 pixels",
            files.Text("bomb.svg", $"<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"10\" height=\"10\"><image width=\"10\" height=\"10\" xlink:href=\"data:image/png;base64,{Convert.ToBase64String(File.ReadAllBytes(files.PngClaiming(100_000)))}\"/></svg>"),
            "bomb.svg", 422, "pixels");

        // Hostile SVG.
        foreach (var (name, svg, mustName) in new[]
        {
            ("SVG billion laughs", "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY a \"lol\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><svg xmlns=\"http://www.w3.org/2000/svg\"><text>&c;</text></svg>", "entit"),
            ("SVG external entity (XXE) naming /etc/passwd", "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><svg xmlns=\"http://www.w3.org/2000/svg\"><text>&x;</text></svg>", "entit"),
            ("SVG parameter entity fetching a URL", "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/evil.dtd\"> %p;]><svg xmlns=\"http://www.w3.org/2000/svg\"/>", "entit"),
            ("SVG nested 400 levels deep", "<svg xmlns=\"http://www.w3.org/2000/svg\">" + string.Concat(Enumerable.Repeat("<g>", 400)) + string.Concat(Enumerable.Repeat("</g>", 400)) + "</svg>", "deep"),
            ("SVG with 120,000 elements", "<svg xmlns=\"http://www.w3.org/2000/svg\">" + string.Concat(Enumerable.Repeat("<g/>", 120_000)) + "</svg>", "elements"),
            ("SVG <use> amplification", UseBomb(), "use"),
            ("SVG of width 0", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"0\" height=\"10\"><rect width=\"5\" height=\"5\"/></svg>", "width"),
            ("SVG of width 'abc'", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"abc\" height=\"10\"/>", "abc"),
            ("SVG with a broken viewBox", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10\"/>", "viewBox"),
            ("SVG that is not well-formed XML", "<svg xmlns=\"http://www.w3.org/2000/svg\"><g><rect></svg>", "XML"),
            ("SVG cut in the middle of a tag", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"5\" hei", "XML"),
        })
        {
            Add(name, files.Text(name, svg), "x.svg", 422, mustName);
        }

        // Not media at all, whatever the name says.
        foreach (var (name, bytes, fileName, mustName) in new (string, byte[], string, string)[]
        {
            ("random bytes named .jpg", [0x42, 0, .. HostileUploads.Noise(4096, 1)], "photo.jpg", "unknown binary"),
            ("random bytes named .wav", [0x42, 0, .. HostileUploads.Noise(4096, 2)], "sound.wav", "unknown binary"),
            ("random bytes named .mp4", [0x42, 0, .. HostileUploads.Noise(4096, 3)], "clip.mp4", "unknown binary"),
            ("a PDF named .jpg", [.. "%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"u8], "photo.jpg", "PDF"),
            ("a ZIP named .png", [.. "PK\u0003\u0004"u8, .. HostileUploads.Noise(512, 4)], "photo.png", "ZIP"),
            ("an ELF executable named .mp3", [0x7F, .. "ELF"u8, 2, 1, 1, 0, .. HostileUploads.Noise(512, 5)], "song.mp3", "executable"),
            ("gzip data named .svg (svgz)", [0x1F, 0x8B, 8, 0, .. HostileUploads.Noise(512, 6)], "drawing.svg", "gzip"),
            ("a TIFF image", [.. "II*\0"u8, .. HostileUploads.Noise(512, 7)], "scan.tif", "TIFF"),
            ("a HEIC image", [0, 0, 0, 0x18, .. "ftypheic"u8, 0, 0, 0, 0, .. "mif1heic"u8, .. HostileUploads.Noise(256, 8)], "photo.heic", "HEIF"),
            ("text with NUL bytes", [.. "hello\0world\0"u8, .. HostileUploads.Noise(64, 9)], "notes.txt", "binary"),
            ("invalid UTF-8 text", [.. "caf"u8, 0xC3, 0x28, 0xA0, 0xA1, .. " au lait"u8], "notes.txt", "binary"),
            ("a file name climbing to /etc/passwd", [0x42, 0, .. HostileUploads.Noise(1024, 10)], "../../../../etc/passwd", "binary"),
            ("a file name that is an ffmpeg protocol", [0x42, 0, .. HostileUploads.Noise(1024, 11)], "concat:/etc/passwd|/etc/hosts", "binary"),
        })
        {
            Add(name, files.Bytes(fileName, bytes), fileName, 415, mustName);
        }

        Add("JSON nested 10,000 levels deep", files.Text("deep.json", string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000)), "deep.json", 422, "JSON");
        Add("malformed JSON caption file", files.Text("bad.json", "{\"title\": \"a dog\", \"caption\": "), "bad.json", 422, "JSON");
        Add("upload over the size limit", files.Bytes("big.wav", [.. File.ReadAllBytes(files.Original("a.wav"))[..44], .. new byte[SearchSite.UploadLimit + 1024]]), "big.wav", 413, "QueryApi:MaxUploadBytes");
        return cases;
    }

    private static string UseBomb()
    {
        // Each level uses the one below ten times: 10^6 shapes from a few hundred bytes.
        var svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><defs><rect id=\"l0\" width=\"1\" height=\"1\"/>");
        for (var level = 1; level <= 6; level++)
        {
            svg.Append(System.Globalization.CultureInfo.InvariantCulture, $"<g id=\"l{level}\">");
            for (var i = 0; i < 10; i++)
            {
                svg.Append(System.Globalization.CultureInfo.InvariantCulture, $"<use xlink:href=\"#l{level - 1}\"/>");
            }

            svg.Append("</g>");
        }

        return svg.Append("</defs><use xlink:href=\"#l6\"/></svg>").ToString();
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string path, string fileName)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(SearchSite.Collection), "collection");
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(path));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return await client.PostAsync(new Uri("/api/search", UriKind.Relative), form);
    }
}
