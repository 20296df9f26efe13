using System.Diagnostics;
using System.Net.Sockets;
using SearchEngine.Core;
using SearchEngine.Media.Images;
using SearchEngine.Media.Sniffing;
using SkiaSharp;

namespace SearchEngine.Media.Tests;

public class SvgDecodingTests
{
    private const string SvgNamespaces = """xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" """;

    // Red on the left half, blue on the right: scaling, placement or channel mistakes show.
    private const string RedBlue = """<rect width="32" height="32" fill="#ff0000"/><rect x="32" width="32" height="32" fill="#0000ff"/>""";

    private readonly ImageDecoder _decoder = new(SampleMedia.Options());

    [Fact]
    public void An_svg_is_drawn_at_its_own_size_with_its_colours()
    {
        var path = Svg("red-blue.svg", $"""<svg {SvgNamespaces} width="64" height="32">{RedBlue}</svg>""");

        var image = _decoder.Decode(path);

        Assert.Equal((64, 32), (image.Width, image.Height));
        ImageDecoderTests.AssertColor(image, 8, 16, (255, 0, 0));
        ImageDecoderTests.AssertColor(image, 56, 16, (0, 0, 255));
    }

    [Fact]
    public void An_svg_is_drawn_at_the_target_short_side_even_when_its_own_size_is_smaller()
    {
        // Vectors lose nothing when drawn larger; drawing a 32-pixel icon at 32 pixels would leave the tower a blur.
        var path = Svg("red-blue-target.svg", $"""<svg {SvgNamespaces} width="64" height="32">{RedBlue}</svg>""");

        var image = _decoder.Decode(path, targetShortSide: 256);

        Assert.Equal((512, 256), (image.Width, image.Height));
        ImageDecoderTests.AssertColor(image, 250, 128, (255, 0, 0));
        ImageDecoderTests.AssertColor(image, 262, 128, (0, 0, 255));
    }

    [Fact]
    public void The_viewbox_is_scaled_into_the_width_and_height_and_transparency_is_white()
    {
        var path = Svg("viewbox.svg", $"""
            <svg {SvgNamespaces} width="60" height="30" viewBox="0 0 2 1">
              <rect width="1" height="1" fill="#00ff00"/>
            </svg>
            """);

        var image = _decoder.Decode(path);

        Assert.Equal((60, 30), (image.Width, image.Height));
        ImageDecoderTests.AssertColor(image, 10, 15, (0, 255, 0));
        ImageDecoderTests.AssertColor(image, 50, 15, (255, 255, 255));
    }

    [Theory]
    [InlineData("""viewBox="0 0 40 20" """, 40, 20)]
    [InlineData("""width="60" viewBox="0 0 2 1" """, 60, 30)]
    [InlineData("""height="100%" viewBox="0 0 30 10" """, 30, 10)]
    [InlineData("", 300, 150)]
    [InlineData("""width="1in" height="2cm" """, 96, 76)]
    public void A_missing_size_comes_from_the_viewbox_or_else_the_browser_default(string attributes, int width, int height)
    {
        var path = Svg($"size-{Letters(attributes)}.svg", $"""<svg {SvgNamespaces} {attributes}><rect width="5" height="5"/></svg>""");

        var image = _decoder.Decode(path);

        Assert.Equal((width, height), (image.Width, image.Height));
    }

    [Theory]
    [InlineData("""width="0" height="20" """, "width is '0'")]
    [InlineData("""width="20" height="-5" """, "height is '-5'")]
    [InlineData("""viewBox="0 0 0 10" """, "viewBox '0 0 0 10'")]
    [InlineData("""width="wide" height="20" """, "width 'wide' is not a length")]
    [InlineData("""width="1e400" height="20" """, "width is '1e400'")]
    public void A_zero_negative_or_unreadable_size_is_rejected_naming_the_value(string attributes, string expected)
    {
        var path = Svg($"bad-size-{Letters(attributes)}.svg", $"""<svg {SvgNamespaces} {attributes}><rect width="5" height="5"/></svg>""");

        var error = Assert.Throws<MediaException>(() => _decoder.Decode(path));

        Assert.Equal(MediaStage.Probe, error.Stage);
        Assert.Contains(expected, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_size_is_drawn_no_larger_than_the_pixel_limit_keeping_its_aspect_ratio()
    {
        var path = Svg("huge.svg", $"""
            <svg {SvgNamespaces} width="1e9" height="5e8" viewBox="0 0 64 32">{RedBlue}</svg>
            """);
        var decoder = new ImageDecoder(SampleMedia.Options(o => o.MaxImagePixels = 20_000));

        WarmUp();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var image = decoder.Decode(path);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(image.Width * image.Height <= 20_000, $"{image.Width}×{image.Height}");
        Assert.Equal((200, 100), (image.Width, image.Height));
        ImageDecoderTests.AssertColor(image, 20, 50, (255, 0, 0));
        ImageDecoderTests.AssertColor(image, 180, 50, (0, 0, 255));
        Assert.True(allocated < 10_000_000, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void A_huge_viewbox_alone_is_capped_too()
    {
        var path = Svg("huge-viewbox.svg", $"""
            <svg {SvgNamespaces} viewBox="0 0 4000000 1000000"><rect width="2000000" height="1000000" fill="#ff0000"/></svg>
            """);

        var image = _decoder.Decode(path);

        Assert.True((long)image.Width * image.Height <= new MediaOptions().MaxImagePixels, $"{image.Width}×{image.Height}");
        Assert.Equal(4.0, (double)image.Width / image.Height, 2);
        ImageDecoderTests.AssertColor(image, image.Width / 4, image.Height / 2, (255, 0, 0));
        ImageDecoderTests.AssertColor(image, image.Width * 3 / 4, image.Height / 2, (255, 255, 255));
    }

    [Fact]
    public void Malformed_xml_is_rejected_saying_where()
    {
        var path = Svg("malformed.svg", $"""<svg {SvgNamespaces} width="10" height="10"><rect></svg>""");

        var error = Assert.Throws<MediaException>(() => _decoder.Decode(path));

        Assert.Equal(MediaStage.Decode, error.Stage);
        Assert.Contains("not well-formed XML", error.Reason, StringComparison.Ordinal);
        Assert.Contains("Line 1", error.Reason, StringComparison.Ordinal);
        Assert.Contains("malformed.svg", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Billion_laughs_is_refused_quickly_without_expanding_an_entity()
    {
        var entities = string.Concat(Enumerable.Range(1, 9).Select(i => $"""<!ENTITY lol{i} "{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}">"""));
        var path = Svg("billion-laughs.svg", $"""
            <?xml version="1.0"?>
            <!DOCTYPE svg [<!ENTITY lol0 "lol">{entities}]>
            <svg {SvgNamespaces} width="10" height="10"><text>&lol9;</text></svg>
            """);

        WarmUp();
        var clock = Stopwatch.StartNew();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<MediaException>(() => _decoder.Decode(path));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(MediaStage.Decode, error.Stage);
        Assert.Contains("entity expansion is refused", error.Reason, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
        Assert.True(allocated < 2_000_000, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void A_plain_doctype_is_accepted_and_its_dtd_never_fetched()
    {
        using var server = new LoopbackServer();
        var path = Svg("doctype.svg", $"""
            <?xml version="1.0" encoding="UTF-8" standalone="no"?>
            <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "{server.Url("svg11.dtd")}">
            <svg {SvgNamespaces} width="64" height="32">{RedBlue}</svg>
            """);

        var image = _decoder.Decode(path);

        ImageDecoderTests.AssertColor(image, 8, 16, (255, 0, 0));
        Thread.Sleep(200);
        Assert.Equal(0, server.Connections);
    }

    [Fact]
    public void External_http_references_are_never_fetched_and_the_rest_is_drawn()
    {
        using var server = new LoopbackServer();
        var path = Svg("external-http.svg", $"""
            <?xml-stylesheet type="text/css" href="{server.Url("sheet.css")}"?>
            <svg {SvgNamespaces} width="40" height="20">
              <style>
                @import url({server.Url("imported.css")});
                @font-face {"{"} font-family: Remote; src: url('{server.Url("font.ttf")}'); {"}"}
                .remote {"{"} font-family: Remote; fill: url({server.Url("paint.svg#g")}); {"}"}
              </style>
              <filter id="f"><feImage xlink:href="{server.Url("filter.png")}"/></filter>
              <rect width="20" height="20" fill="#0000ff"/>
              <image x="20" width="20" height="20" xlink:href="{server.Url("xlink.png")}"/>
              <image x="20" width="20" height="20" href="{server.Url("svg2.png")}"/>
              <use xlink:href="{server.Url("shapes.svg#shape")}"/>
              <rect x="20" width="20" height="20" fill="url({server.Url("gradient.svg#g")})" filter="url(#f)"/>
              <rect x="20" width="20" height="20" style="fill: url({server.Url("style.svg#g")})"/>
              <font-face font-family="Y"><font-face-src><font-face-uri xlink:href="{server.Url("font.svg#f")}"/></font-face-src></font-face>
              <text class="remote" font-family="Y" y="15">hi</text>
              <script xlink:href="{server.Url("script.js")}"/>
              <g xml:base="{server.Url("")}"><image width="5" height="5" href="relative.png"/></g>
              <image width="5" height="5" href="#nothing"><set attributeName="href" to="{server.Url("animated.png")}"/></image>
            </svg>
            """);

        var image = _decoder.Decode(path);

        ImageDecoderTests.AssertColor(image, 5, 10, (0, 0, 255));
        Thread.Sleep(200);
        Assert.Equal(0, server.Connections);

        // The server does count: a connection of our own shows up.
        using (var client = new TcpClient())
        {
            client.Connect("127.0.0.1", server.Port);
        }

        Assert.True(SpinWait.SpinUntil(() => server.Connections == 1, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task External_file_references_are_never_opened()
    {
        using var secret = new UnopenedFifo(Path.Combine(SampleMedia.Folder, "secret.fifo"));
        var path = Svg("external-file.svg", $"""
            <svg {SvgNamespaces} width="40" height="20">
              <style>@import url({secret.Uri}); @font-face {"{"} font-family: Local; src: url({secret.Uri}); {"}"}</style>
              <rect width="20" height="20" fill="#0000ff"/>
              <image width="10" height="10" href="{secret.Uri}"/>
              <image width="10" height="10" xlink:href="{secret.Path}"/>
              <image width="10" height="10" xlink:href="secret.fifo"/>
              <use href="{secret.Uri}#shape"/>
              <rect x="20" width="20" height="20" fill="url({secret.Uri}#paint)"/>
              <g xml:base="{new Uri(SampleMedia.Folder + "/").AbsoluteUri}"><image width="5" height="5" href="secret.fifo"/></g>
            </svg>
            """);

        var media = await MediaDecoder.Create().DecodeAsync(path, audioSampleRate: null);

        var decoded = Assert.IsType<DecodedImage>(media);
        ImageDecoderTests.AssertColor(decoded.Image, 10, decoded.Image.Height / 2, (0, 0, 255));
        Assert.False(secret.WasOpened, "the SVG's reference opened the file");
    }

    [Fact]
    public void An_embedded_raster_image_is_drawn_but_an_embedded_decompression_bomb_is_refused()
    {
        using var red = new SKBitmap(4, 4);
        red.Erase(SKColors.Red);
        using var png = red.Encode(SKEncodedImageFormat.Png, 100);
        var embedded = Svg("embedded.svg", $"""
            <svg {SvgNamespaces} width="64" height="32">
              <image width="32" height="32" preserveAspectRatio="none" href="data:image/png;base64,{Convert.ToBase64String(png.ToArray())}"/>
            </svg>
            """);
        var bomb = Svg("embedded-bomb.svg", $"""
            <svg {SvgNamespaces} width="64" height="32">
              <image width="32" height="32" href="data:image/png;base64,{Convert.ToBase64String(PngBytes.WithHeader(30000, 30000, PngBytes.Zeros(1000)))}"/>
            </svg>
            """);

        var image = _decoder.Decode(embedded);
        var error = Assert.Throws<MediaException>(() => _decoder.Decode(bomb));

        ImageDecoderTests.AssertColor(image, 16, 16, (255, 0, 0));
        ImageDecoderTests.AssertColor(image, 48, 16, (255, 255, 255));
        Assert.Equal(MediaStage.Probe, error.Stage);
        Assert.Contains("30000×30000", error.Reason, StringComparison.Ordinal);
        Assert.Contains("decompression bomb", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Nested_use_references_expanding_to_millions_of_shapes_are_refused_quickly()
    {
        // Eight levels of ten <use>s each: a hundred million rectangles from a couple of kilobytes.
        var levels = string.Concat(Enumerable.Range(1, 8).Select(i =>
            $"""<g id="l{i}">{string.Concat(Enumerable.Range(0, 10).Select(_ => $"""<use href="#l{i - 1}"/>"""))}</g>"""));
        var path = Svg("use-bomb.svg", $"""
            <svg {SvgNamespaces} width="10" height="10"><defs><rect id="l0" width="1" height="1"/>{levels}</defs><use href="#l8"/></svg>
            """);

        WarmUp();
        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<MediaException>(() => _decoder.Decode(path));

        Assert.Equal(MediaStage.Probe, error.Stage);
        Assert.Contains("Media:MaxSvgElements", error.Reason, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Elements_nested_too_deeply_are_refused_before_the_library_recurses()
    {
        var path = Svg("deep.svg", $"""
            <svg {SvgNamespaces} width="10" height="10">{string.Concat(Enumerable.Repeat("<g>", 100_000))}{string.Concat(Enumerable.Repeat("</g>", 100_000))}</svg>
            """);

        var error = Assert.Throws<MediaException>(() => _decoder.Decode(path));

        Assert.Equal(MediaStage.Probe, error.Stage);
        Assert.Contains("levels deep", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_svg_larger_than_its_byte_limit_is_rejected_before_parsing()
    {
        var path = Svg("big.svg", $"""<svg {SvgNamespaces} width="10" height="10"><desc>{new string('x', 5000)}</desc></svg>""");
        var strict = new ImageDecoder(SampleMedia.Options(o => o.MaxSvgBytes = 4096));

        var error = Assert.Throws<MediaException>(() => strict.Decode(path));

        Assert.Contains("Media:MaxSvgBytes", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_svg_uploaded_from_memory_is_drawn()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes($"""<svg {SvgNamespaces} width="64" height="32">{RedBlue}</svg>""");

        var image = _decoder.Decode(bytes, "upload.svg");

        Assert.Equal((64, 32), (image.Width, image.Height));
        ImageDecoderTests.AssertColor(image, 56, 16, (0, 0, 255));
    }

    [Fact]
    public async Task A_batch_with_good_and_hostile_svgs_decodes_the_good_ones_and_reports_each_of_the_rest()
    {
        var files = new[]
        {
            Svg("batch-good.svg", $"""<svg {SvgNamespaces} width="64" height="32">{RedBlue}</svg>"""),
            Svg("batch-malformed.svg", $"""<svg {SvgNamespaces}><rect></svg>"""),
            Svg("batch-laughs.svg", $"""<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg {SvgNamespaces}><text>&a;</text></svg>"""),
            SampleMedia.Jpeg640,
            Svg("batch-zero.svg", $"""<svg {SvgNamespaces} width="0" height="0"/>"""),
            Svg("batch-note.xml", """<?xml version="1.0"?><note><to>Ann</to><body>The dog barked at the svg.</body></note>"""),
            Svg("batch-good-too.svg", $"""<svg {SvgNamespaces} viewBox="0 0 10 10"><circle cx="5" cy="5" r="5" fill="#ff0000"/></svg>"""),
        };

        var results = await MediaDecoder.Create().DecodeManyAsync(files, audioSampleRate: null);

        Assert.Equal(files, results.Select(r => r.Path));
        Assert.Equal([true, false, false, true, false, true, true], results.Select(r => r.Succeeded));
        Assert.Contains("not well-formed XML", results[1].Error!.Reason, StringComparison.Ordinal);
        Assert.Contains("entity expansion is refused", results[2].Error!.Reason, StringComparison.Ordinal);
        Assert.Contains("draws nothing", results[4].Error!.Reason, StringComparison.Ordinal);

        var svg = Assert.IsType<DecodedImage>(results[0].Media);
        Assert.Equal(ContentType.Of(Modality.Image, "svg"), svg.Content);
        Assert.Equal((512, 256), (svg.Image.Width, svg.Image.Height)); // drawn at the default 256-pixel short side
        Assert.Equal([0xFF, 0xD8], svg.Thumbnail[..2]);
        ImageDecoderTests.AssertColor(Assert.IsType<DecodedImage>(results[6].Media).Image, 128, 128, (255, 0, 0));
        Assert.Equal(Modality.Text, Assert.IsType<DecodedText>(results[5].Media).Content.Modality);
    }

    private static string Svg(string name, string markup) => SampleMedia.Make(name, path => File.WriteAllText(path, markup));

    private static string Letters(string text) => string.Concat(text.Where(char.IsAsciiLetterOrDigit));

    // The SVG library's first use loads and initialises it; tests that measure time or memory start after that.
    private void WarmUp() => _decoder.Decode(Svg("warm-up.svg", $"""<svg {SvgNamespaces} width="4" height="4"/>"""));
}
