using Microsoft.Extensions.Options;
using SearchEngine.Ocr.Detection;
using SearchEngine.Ocr.Recognition;
using SkiaSharp;

namespace SearchEngine.Ocr.Tests;

public class TesseractReaderTests
{
    private readonly TextLineDetector _detector = new(new TextDetectionOptions());

    [Theory]
    [InlineData(0)]
    [InlineData(90)]
    [InlineData(180)]
    [InlineData(270)]
    public async Task A_sign_is_read_upright_whichever_way_it_was_turned_and_its_words_are_boxed_where_they_are(float angle)
    {
        var (image, box) = SignPicture.Draw("HARBOUR ROAD", angle, photo: 1);

        var lines = _detector.Detect(image);
        var words = await Reader().ReadAsync(image, lines);

        Assert.True(words.Count(w => w.Text == "HARBOUR") == 1, string.Join(" | ", words));
        var harbour = Assert.Single(words, w => w.Text == "HARBOUR");
        var road = Assert.Single(words, w => w.Text == "ROAD");
        Assert.Equal(harbour.Line, road.Line);
        Assert.Equal((360 - (int)angle) % 360, harbour.Rotation);
        foreach (var word in (RecognizedWord[])[harbour, road])
        {
            // Tesseract's word boxes may reach a pixel or two past the glyphs' antialiased edge.
            Assert.True(SKRectI.Inflate(box, 4, 4).Contains(new SKRectI(word.Left, word.Top, word.Left + word.Width, word.Top + word.Height)), $"{word} lies outside {box}");
            Assert.InRange(word.Confidence, 50, 100);
        }
    }

    [Fact]
    public async Task No_line_means_no_run_and_no_word()
    {
        var reader = Reader(o => o.TesseractPath = "/nonexistent/tesseract");
        var (image, _) = SignPicture.Draw("OPEN", 0);

        Assert.Empty(await reader.ReadAsync(image, []));
    }

    [Fact]
    public async Task A_missing_tesseract_is_an_error_that_says_how_to_install_it()
    {
        var reader = Reader(o => o.TesseractPath = "/nonexistent/tesseract");
        var (image, _) = SignPicture.Draw("BAKERY OPEN", 0);

        var error = await Assert.ThrowsAsync<OcrUnavailableException>(() => reader.ReadAsync(image, _detector.Detect(image)));

        Assert.Contains("/nonexistent/tesseract", error.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install tesseract-ocr", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_past_its_time_is_stopped_and_said_so()
    {
        var reader = Reader(o => o.Timeout = TimeSpan.FromMilliseconds(20));
        var (image, _) = SignPicture.Draw("BAKERY OPEN", 0);

        var error = await Assert.ThrowsAsync<OcrException>(() => reader.ReadAsync(image, _detector.Detect(image)));

        Assert.Contains("took longer than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_beyond_its_memory_limit_fails_the_picture_not_the_process()
    {
        var reader = Reader(o => o.MemoryLimitMegabytes = 16);
        var (image, _) = SignPicture.Draw("BAKERY OPEN", 0);

        var error = await Assert.ThrowsAsync<OcrException>(() => reader.ReadAsync(image, _detector.Detect(image)));

        Assert.StartsWith("tesseract ", error.Message, StringComparison.Ordinal);
    }

    private static TesseractReader Reader(Action<OcrOptions>? configure = null)
    {
        var options = new OcrOptions();
        configure?.Invoke(options);
        return new TesseractReader(Options.Create(options));
    }
}
