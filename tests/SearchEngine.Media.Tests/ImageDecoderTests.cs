using System.Diagnostics;
using SearchEngine.Core.Media;
using SearchEngine.Media.Images;
using SearchEngine.Testing;
using SkiaSharp;

namespace SearchEngine.Media.Tests;

public class ImageDecoderTests
{
    private readonly ImageDecoder _decoder = new(SampleMedia.Options());

    [Theory]
    [InlineData("img.jpg")]
    [InlineData("img.png")]
    [InlineData("img.webp")]
    [InlineData("img.bmp")]
    [InlineData("img.gif")]
    public void Decodes_each_format_to_upright_rgb(string name)
    {
        // Red square on the left half, blue on the right: orientation or channel mistakes show.
        var path = SampleMedia.Ffmpeg(name,
            "-f lavfi -i color=c=red:s=32x24 -f lavfi -i color=c=blue:s=32x24 -filter_complex hstack -frames:v 1 -q:v 2");

        var image = _decoder.Decode(path);

        Assert.Equal((64, 24), (image.Width, image.Height));
        AssertColor(image, 8, 12, (255, 0, 0));
        AssertColor(image, 56, 12, (0, 0, 255));
    }

    [Fact]
    public void Takes_the_first_frame_of_an_animated_gif()
    {
        var gif = SampleMedia.Ffmpeg("two-frames.gif",
            "-f lavfi -i color=c=red:s=32x32:r=1:d=1 -f lavfi -i color=c=blue:s=32x32:r=1:d=1 -filter_complex [0][1]concat=n=2");

        var image = _decoder.Decode(gif);

        AssertColor(image, 16, 16, (255, 0, 0));
    }

    [Fact]
    public void Applies_exif_orientation()
    {
        // Stored 64×32 with red on the left; EXIF orientation 6 says "rotate 90° clockwise to display", so the
        // displayed image is 32×64 with red on top.
        var plain = SampleMedia.Encoded("unrotated.jpg", SKEncodedImageFormat.Jpeg, 95, () => HalfRedHalfBlue(64, 32));
        var rotated = SampleMedia.Bytes("exif-orientation-6.jpg", ExifJpeg.WithOrientation(File.ReadAllBytes(plain), 6));

        var image = _decoder.Decode(rotated);

        Assert.Equal((32, 64), (image.Width, image.Height));
        AssertColor(image, 16, 8, (255, 0, 0));
        AssertColor(image, 16, 56, (0, 0, 255));
    }

    [Fact]
    public void Flattens_alpha_on_white()
    {
        var png = SampleMedia.Encoded("alpha.png", SKEncodedImageFormat.Png, 100, () =>
        {
            var bitmap = new SKBitmap(new SKImageInfo(2, 1, SKColorType.Rgba8888, SKAlphaType.Unpremul));
            bitmap.SetPixel(0, 0, new SKColor(0, 0, 0, 0));       // fully transparent → white
            bitmap.SetPixel(1, 0, new SKColor(0, 0, 0, 128));     // half-transparent black → mid grey
            return bitmap;
        });

        var image = _decoder.Decode(png);

        AssertColor(image, 0, 0, (255, 255, 255));
        Assert.InRange(image.Pixels[3], 125, 129);
        Assert.Equal(image.Pixels[3], image.Pixels[5]);
    }

    [Fact]
    public void Expands_grayscale_to_rgb()
    {
        var gray = SampleMedia.Ffmpeg("gray.png", "-f lavfi -i testsrc=size=64x48 -frames:v 1 -pix_fmt gray");

        var image = _decoder.Decode(gray);

        Assert.Equal(64 * 48 * 3, image.Pixels.Length);
        for (var i = 0; i < image.Pixels.Length; i += 3)
        {
            Assert.Equal(image.Pixels[i], image.Pixels[i + 1]);
            Assert.Equal(image.Pixels[i], image.Pixels[i + 2]);
        }

        Assert.True(image.Pixels.Distinct().Count() > 4, "testsrc in grey still has several shades");
    }

    [Fact]
    public void Decodes_a_flickr8k_photo_from_the_shared_folder()
    {
        var image = _decoder.Decode(SharedFiles.Require("datasets/flickr8k/images/10/1000268201_693b08cb0e.jpg"), targetShortSide: 224);

        Assert.Equal((224, 224), (image.Width, image.Height));
        Assert.True(image.Pixels.Distinct().Count() > 50);
    }

    [Fact]
    public void A_large_jpeg_decodes_small_when_a_target_short_side_is_given()
    {
        var large = SampleMedia.Ffmpeg("4000x3000.jpg", "-f lavfi -i testsrc2=size=4000x3000 -frames:v 1 -q:v 4");

        var image = _decoder.Decode(large, targetShortSide: 224);

        Assert.InRange(Math.Min(image.Width, image.Height), 224, 447);
        Assert.Equal(4.0 / 3, (double)image.Width / image.Height, 2);
    }

    [Fact]
    public void A_large_png_shrinks_to_the_target_without_managed_frame_buffers()
    {
        // PNG has no scaled decode here: the 96 MB RGBA frame lives in native memory for the moment of the box filter.
        var large = SampleMedia.Ffmpeg("6000x4000.png", "-f lavfi -i color=c=green:s=6000x4000 -frames:v 1");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var image = _decoder.Decode(large, targetShortSide: 256);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.InRange(Math.Min(image.Width, image.Height), 256, 511);
        Assert.Equal(1.5, (double)image.Width / image.Height, 2);
        AssertColor(image, image.Width / 2, image.Height / 2, (0, 128, 0));
        Assert.True(allocated < 16_000_000, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void A_png_named_jpg_decodes_by_its_content()
    {
        var lying = SampleMedia.Renamed("png-named.jpg", SampleMedia.Png);

        Assert.Equal((160, 120), (_decoder.Decode(lying).Width, _decoder.Decode(lying).Height));
    }

    [Fact]
    public void A_text_file_named_jpg_is_rejected_saying_it_is_text()
    {
        var lying = SampleMedia.Renamed("text-named.jpg", SampleMedia.Text);

        var error = Assert.Throws<MediaException>(() => _decoder.Decode(lying));

        Assert.Equal(MediaStage.Sniff, error.Stage);
        Assert.Contains("text (txt), not an image", error.Message, StringComparison.Ordinal);
        Assert.Contains("text-named.jpg", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_jpeg_is_rejected_as_truncated()
    {
        var error = Assert.Throws<MediaException>(() => _decoder.Decode(SampleMedia.TruncatedJpeg));

        Assert.Equal(MediaStage.Decode, error.Stage);
        Assert.Contains("truncated", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_png_with_corrupt_data_is_rejected()
    {
        var garbage = SampleMedia.RandomBytesOf(2000, seed: 3);
        var corrupt = SampleMedia.Bytes("corrupt.png", PngBytes.WithHeader(64, 64, garbage));

        var error = Assert.Throws<MediaException>(() => _decoder.Decode(corrupt));

        Assert.Equal(MediaStage.Decode, error.Stage);
    }

    [Fact]
    public void A_decompression_bomb_is_rejected_from_its_header_without_allocating_pixels()
    {
        // IHDR claims 30000×30000 (900 MP, 3.6 GB as RGBA) while the file is a few hundred bytes.
        var bomb = SampleMedia.Bytes("bomb.png", PngBytes.WithHeader(30000, 30000, PngBytes.Zeros(30001 * 3)));

        var clock = Stopwatch.StartNew();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<MediaException>(() => _decoder.Decode(bomb));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(MediaStage.Probe, error.Stage);
        Assert.Contains("30000×30000", error.Reason, StringComparison.Ordinal);
        Assert.Contains("decompression bomb", error.Reason, StringComparison.Ordinal);
        Assert.True(allocated < 1_000_000, $"allocated {allocated:N0} bytes");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }

    [Fact]
    public void The_pixel_limit_is_configurable()
    {
        var strict = new ImageDecoder(SampleMedia.Options(o => o.MaxImagePixels = 100 * 100));

        Assert.Throws<MediaException>(() => strict.Decode(SampleMedia.Png));
    }

    [Fact]
    public void Decodes_from_memory()
    {
        var image = _decoder.Decode(File.ReadAllBytes(SampleMedia.Png), "upload.png");

        Assert.Equal((160, 120), (image.Width, image.Height));
        Assert.Throws<MediaException>(() => _decoder.Decode(File.ReadAllBytes(SampleMedia.Pdf), "upload.png"));
    }

    [Fact]
    public void A_thumbnail_is_a_jpeg_whose_longest_side_is_256()
    {
        var image = _decoder.Decode(SampleMedia.Jpeg640);

        var thumbnail = ThumbnailEncoder.Encode(image);

        using var decoded = SKBitmap.Decode(thumbnail);
        Assert.Equal((256, 192), (decoded.Width, decoded.Height));
        Assert.Equal([0xFF, 0xD8, 0xFF], thumbnail[..3]);
    }

    internal static void AssertColor(RgbImage image, int x, int y, (int R, int G, int B) expected, int tolerance = 12)
    {
        var i = ((y * image.Width) + x) * 3;
        var actual = (image.Pixels[i], image.Pixels[i + 1], image.Pixels[i + 2]);
        Assert.True(
            Math.Abs(actual.Item1 - expected.R) <= tolerance && Math.Abs(actual.Item2 - expected.G) <= tolerance && Math.Abs(actual.Item3 - expected.B) <= tolerance,
            $"pixel ({x},{y}) is {actual}, expected about {expected}");
    }

    private static SKBitmap HalfRedHalfBlue(int width, int height)
    {
        var bitmap = new SKBitmap(width, height);
        using var canvas = new SKCanvas(bitmap);
        using var paint = new SKPaint { Color = SKColors.Red };
        canvas.DrawRect(0, 0, width / 2, height, paint);
        paint.Color = SKColors.Blue;
        canvas.DrawRect(width / 2, 0, width - (width / 2), height, paint);
        return bitmap;
    }
}
