using SearchEngine.Core.Media;
using SearchEngine.Ocr.Detection;
using SearchEngine.Ocr.Tests.Tuning;
using SkiaSharp;

namespace SearchEngine.Ocr.Tests;

public class TextLineDetectorTests
{
    private readonly TextLineDetector _detector = new(new TextDetectionOptions());

    [Theory]
    [InlineData(0, LineDirection.Horizontal)]
    [InlineData(90, LineDirection.Vertical)]
    [InlineData(180, LineDirection.Horizontal)]
    [InlineData(270, LineDirection.Vertical)]
    public void A_sign_is_found_where_it_was_drawn_running_the_way_it_was_turned(float angle, LineDirection direction)
    {
        var (image, box) = SignPicture.Draw("HARBOUR ROAD", angle);

        var lines = _detector.Detect(image);

        Assert.Contains(lines, l => l.Direction == direction && MostlyInside(l, box));
    }

    [Theory]
    [InlineData(90, "Fresh Bread", "dejavu/DejaVuSerif.ttf", 2, 0.3f, 0.45f, LineDirection.Vertical)]
    [InlineData(180, "Harbour Road", "liberation/LiberationSans-Regular.ttf", 5, 0.5f, 0.3f, LineDirection.Horizontal)]
    public void Text_straight_on_a_photo_is_found_turned_a_quarter_or_upside_down(float angle, string text, string face, int photo, float x, float y, LineDirection direction)
    {
        var (image, box) = SignPicture.Draw(text, angle, photo, size: 36, face: face, ink: SKColors.White, centre: new SKPoint(x, y), bare: true);

        var lines = _detector.Detect(image);

        Assert.Contains(lines, l => l.Direction == direction && MostlyInside(l, box));
    }

    [Theory]
    [InlineData("2475300106_b8563111ba.jpg")] // a dog running through shrubbery
    [InlineData("3393035454_2d2370ffd4.jpg")] // a boy jumping off rocks in the woods
    [InlineData("2597958208_e03aa149c9.jpg")] // children playing before trees and goal posts
    [InlineData("1679557684_50a206e4a9.jpg")] // a dog leaping for a ball
    public void A_busy_photo_without_text_has_no_line(string photo)
    {
        // Dev photos whose leaves, rocks and posts chain into 14–25 candidate lines, every one of them turned down.
        using var surface = FlickrPhotos.Open(photo);

        Assert.Empty(_detector.Detect(SignPicture.ToRgb(surface)));
    }

    [Fact]
    public void A_large_picture_is_read_small_and_its_lines_come_back_in_its_own_pixels()
    {
        var (image, box) = SignPicture.Draw("PLATFORM 9", 0, photo: 3, width: 2400, height: 1800);

        var lines = _detector.Detect(image);

        var line = Assert.Single(lines, l => MostlyInside(l, box));
        Assert.InRange(line.GlyphSize, 0.5 * 44 * 2400 / 640, 1.5 * 44 * 2400 / 640);
    }

    [Fact]
    public void A_picture_without_text_has_no_line()
    {
        // A sky: a smooth gradient with sensor noise, which a contrast threshold alone would turn into specks.
        var random = new Random(7);
        var pixels = new byte[640 * 480 * 3];
        for (var y = 0; y < 480; y++)
        {
            for (var x = 0; x < 640; x++)
            {
                var at = ((y * 640) + x) * 3;
                var noise = random.Next(-12, 13);
                pixels[at] = (byte)Math.Clamp(90 + (y / 6) + noise, 0, 255);
                pixels[at + 1] = (byte)Math.Clamp(140 + (y / 8) + noise, 0, 255);
                pixels[at + 2] = (byte)Math.Clamp(220 - (x / 20) + noise, 0, 255);
            }
        }

        Assert.Empty(_detector.Detect(new RgbImage(640, 480, pixels)));
    }

    private static bool MostlyInside(TextLine line, SKRectI box)
    {
        var overlap = SKRectI.Intersect(box, new SKRectI(line.Left, line.Top, line.Left + line.Width, line.Top + line.Height));
        return !overlap.IsEmpty && overlap.Width * overlap.Height >= 0.8 * line.Width * line.Height;
    }
}
