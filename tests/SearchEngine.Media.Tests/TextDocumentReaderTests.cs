using System.Text;
using SearchEngine.Media.Text;

namespace SearchEngine.Media.Tests;

public class TextDocumentReaderTests
{
    private readonly TextDocumentReader _reader = new(SampleMedia.Options());

    [Fact]
    public async Task Reads_plain_utf8_with_a_byte_order_mark()
    {
        var path = SampleMedia.Make("bom.txt", p => File.WriteAllText(p, "  Crème brûlée at the café.\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)));

        var document = await _reader.ReadAsync(path);

        Assert.Equal("txt", document.Format);
        Assert.Equal("Crème brûlée at the café.", document.Body);
    }

    [Fact]
    public async Task Reads_title_and_captions_from_sidecar_json()
    {
        var path = SampleMedia.Make("photo.json", p => File.WriteAllText(p,
            """{"title": "Beach day", "width": 640, "captions": ["A dog runs on the sand.", "Waves behind a dog."], "camera": "X100"}"""));

        var document = await _reader.ReadAsync(path);

        Assert.Equal("Beach day", document.Title);
        Assert.Equal("A dog runs on the sand.\nWaves behind a dog.", document.Body);
    }

    [Fact]
    public async Task Json_without_known_fields_contributes_all_its_strings()
    {
        var path = SampleMedia.Make("other.json", p => File.WriteAllText(p, """{"a": {"b": ["red kite", 3]}, "c": "over hills"}"""));

        var document = await _reader.ReadAsync(path);

        Assert.Null(document.Title);
        Assert.Equal("red kite\nover hills", document.Body);
    }

    [Fact]
    public async Task Reads_srt_cues_with_times()
    {
        var path = SampleMedia.Make("film.srt", p => File.WriteAllText(p,
            "1\r\n00:00:01,500 --> 00:00:04,000\r\n<i>Hello</i> there.\r\nGeneral.\r\n\r\n2\r\n01:02:03,250 --> 01:02:05,000\r\nA dog barks.\r\n"));

        var document = await _reader.ReadAsync(path);

        Assert.Equal(2, document.Cues.Count);
        Assert.Equal(new TextCue(1.5, 4.0, "Hello there. General."), document.Cues[0]);
        Assert.Equal(new TextCue(3723.25, 3725.0, "A dog barks."), document.Cues[1]);
        Assert.Equal("Hello there. General.\nA dog barks.", document.Body);
    }

    [Fact]
    public async Task Malformed_json_is_rejected_with_the_parsers_reason()
    {
        var path = SampleMedia.Make("broken.json", p => File.WriteAllText(p, """{"title": "unterminated"""));

        var error = await Assert.ThrowsAsync<MediaException>(() => _reader.ReadAsync(path));

        Assert.Contains("JSON is malformed", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_image_named_txt_is_rejected_saying_what_it_is()
    {
        var lying = SampleMedia.Renamed("png-named.txt", SampleMedia.Png);

        var error = await Assert.ThrowsAsync<MediaException>(() => _reader.ReadAsync(lying));

        Assert.Contains("an image (png), not text", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_over_the_size_limit_is_rejected()
    {
        var small = new TextDocumentReader(SampleMedia.Options(o => o.MaxTextBytes = 10));

        var error = await Assert.ThrowsAsync<MediaException>(() => small.ReadAsync(SampleMedia.Text));

        Assert.Contains("Media:MaxTextBytes", error.Reason, StringComparison.Ordinal);
    }
}
