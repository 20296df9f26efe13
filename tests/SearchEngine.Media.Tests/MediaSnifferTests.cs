using SearchEngine.Core;
using SearchEngine.Media.Sniffing;
using SearchEngine.Testing;

namespace SearchEngine.Media.Tests;

public class MediaSnifferTests
{
    public static TheoryData<string, string, Modality, string> Files => new()
    {
        { "s.jpg", "-f lavfi -i testsrc=size=64x48 -frames:v 1", Modality.Image, "jpeg" },
        { "s.png", "-f lavfi -i testsrc=size=64x48 -frames:v 1", Modality.Image, "png" },
        { "s.gif", "-f lavfi -i testsrc=size=64x48 -frames:v 1", Modality.Image, "gif" },
        { "s.bmp", "-f lavfi -i testsrc=size=64x48 -frames:v 1", Modality.Image, "bmp" },
        { "s.webp", "-f lavfi -i testsrc=size=64x48 -frames:v 1", Modality.Image, "webp" },
        { "s.wav", "-f lavfi -i sine=duration=0.5", Modality.Audio, "wav" },
        { "s.flac", "-f lavfi -i sine=duration=0.5", Modality.Audio, "flac" },
        { "s.mp3", "-f lavfi -i sine=duration=0.5", Modality.Audio, "mp3" },
        { "s-noid3.mp3", "-f lavfi -i sine=duration=0.5 -write_xing 0 -id3v2_version 0", Modality.Audio, "mp3" },
        { "s.opus", "-f lavfi -i sine=duration=0.5", Modality.Audio, "ogg-opus" },
        { "s.ogg", "-f lavfi -i sine=duration=0.5 -c:a libvorbis", Modality.Audio, "ogg-vorbis" },
        { "s.m4a", "-f lavfi -i sine=duration=0.5", Modality.Audio, "m4a" },
        { "s.mka", "-f lavfi -i sine=duration=0.5 -c:a flac", Modality.Audio, "matroska" },
        { "s.mp4", "-f lavfi -i testsrc=size=64x48:duration=0.5 -pix_fmt yuv420p", Modality.Video, "mp4" },
        { "s.mkv", "-f lavfi -i testsrc=size=64x48:duration=0.5 -pix_fmt yuv420p", Modality.Video, "matroska" },
        { "s.webm", "-f lavfi -i testsrc=size=64x48:duration=0.5 -c:v libvpx -deadline realtime", Modality.Video, "webm" },
        { "s.avi", "-f lavfi -i testsrc=size=64x48:duration=0.5", Modality.Video, "avi" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Recognises_media_made_by_ffmpeg_from_its_bytes(string name, string arguments, Modality modality, string format)
    {
        var path = SampleMedia.Ffmpeg("sniff-" + name, arguments);
        var renamed = SampleMedia.Renamed("sniff-" + name + ".dat", path);

        var content = MediaSniffer.Sniff(renamed);

        Assert.Equal(modality, content.Modality);
        Assert.Equal(format, content.Format);
    }

    [Fact]
    public void Recognises_shared_dataset_files()
    {
        Assert.Equal(ContentType.Of(Modality.Image, "jpeg"), MediaSniffer.Sniff(SharedFiles.Require("datasets/flickr8k/images/10/1000268201_693b08cb0e.jpg")));
        Assert.Equal(ContentType.Of(Modality.Audio, "flac"), MediaSniffer.Sniff(SharedFiles.Require("datasets/fsdd/recordings/0_jackson_0.flac")));
        var opus = Directory.EnumerateFiles(SharedFiles.Require("datasets/urbansound8k/fold2")).First();
        Assert.Equal(ContentType.Of(Modality.Audio, "ogg-opus"), MediaSniffer.Sniff(opus));
    }

    [Fact]
    public void A_png_named_jpg_is_a_png()
    {
        var lying = SampleMedia.Renamed("really-a-png.jpg", SampleMedia.Png);

        Assert.Equal(ContentType.Of(Modality.Image, "png"), MediaSniffer.Sniff(lying));
    }

    [Fact]
    public void A_text_file_named_jpg_is_text()
    {
        var lying = SampleMedia.Renamed("really-text.jpg", SampleMedia.Text);

        Assert.Equal(ContentType.Of(Modality.Text, "txt"), MediaSniffer.Sniff(lying));
    }

    [Fact]
    public void Json_and_subtitles_are_recognised_by_content()
    {
        var json = SampleMedia.Make("meta.dat", p => File.WriteAllText(p, "{\"title\": \"x\"}"));
        var srt = SampleMedia.Make("subs.dat", p => File.WriteAllText(p, "1\n00:00:01,000 --> 00:00:02,500\nHello\n"));

        Assert.Equal("json", MediaSniffer.Sniff(json).Format);
        Assert.Equal("srt", MediaSniffer.Sniff(srt).Format);
    }

    public static TheoryData<string, byte[]> SvgFiles => new()
    {
        { "plain", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"/>"u8.ToArray() },
        { "declaration", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray() },
        { "bom", [0xEF, 0xBB, 0xBF, .. "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8] },
        { "comments-and-doctype", """
            <?xml version="1.0" standalone="no"?>
            <!-- Generator: a drawing program, <svg> in a comment is not the root -->
            <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [
              <!ENTITY ns "http://www.w3.org/2000/svg"> <!-- a '>' inside the subset -->
            ]>
            <svg xmlns="&ns;" width="4" height="4"></svg>
            """u8.ToArray() },
        { "prefixed", "<svg:svg xmlns:svg=\"http://www.w3.org/2000/svg\"/>"u8.ToArray() },
        { "utf16", [0xFF, 0xFE, .. System.Text.Encoding.Unicode.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-16\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>")] },
    };

    [Theory]
    [MemberData(nameof(SvgFiles))]
    public void Svg_is_an_image_whatever_comes_before_its_root(string name, byte[] bytes)
    {
        var path = SampleMedia.Bytes($"sniff-svg-{name}.dat", bytes);

        Assert.Equal(ContentType.Of(Modality.Image, "svg"), MediaSniffer.Sniff(path));
    }

    [Theory]
    [InlineData("xhtml", "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><svg/></body></html>")]
    [InlineData("svg-inside", "<root><svg xmlns=\"http://www.w3.org/2000/svg\"/></root>")]
    [InlineData("svg-like-name", "<svgfont/>")]
    [InlineData("prose", "Draw it as <svg> and it scales.")]
    [InlineData("comment-only", "<!-- <svg> -->")]
    public void Other_xml_and_text_mentioning_svg_stay_text(string name, string content)
    {
        var path = SampleMedia.Make($"sniff-not-svg-{name}.svg", p => File.WriteAllText(p, content));

        Assert.Equal(Modality.Text, MediaSniffer.Sniff(path).Modality);
    }

    [Fact]
    public void Non_media_is_unsupported_with_a_reason_naming_it()
    {
        var pdf = MediaSniffer.Sniff(SampleMedia.Pdf);
        var noise = MediaSniffer.Sniff(SampleMedia.RandomBytes);
        var empty = MediaSniffer.Sniff(SampleMedia.Bytes("empty.wav", []));

        Assert.False(pdf.IsSupported);
        Assert.Contains("PDF", pdf.Reason, StringComparison.Ordinal);
        Assert.False(noise.IsSupported);
        Assert.Contains("unknown binary data", noise.Reason, StringComparison.Ordinal);
        Assert.False(empty.IsSupported);
        Assert.Contains("empty", empty.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_not_text()
    {
        var latin1 = SampleMedia.Bytes("latin1.txt", [0x63, 0x61, 0x66, 0xE9, 0x20, 0x6E, 0x6F, 0x69, 0x72, 0x0A]);

        Assert.False(MediaSniffer.Sniff(latin1).IsSupported);
    }
}
