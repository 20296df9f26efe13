using System.Security.Cryptography;
using SearchEngine.Core.Media;
using SearchEngine.Embeddings.Clip;

namespace SearchEngine.Embeddings.Tests.Clip;

public sealed class ClipImagePreprocessorTests
{
    [Theory]
    [InlineData(255, 0, 0)]
    [InlineData(12, 200, 99)]
    public void A_solid_colour_becomes_CLIPs_normalized_value_in_every_position(byte r, byte g, byte b)
    {
        var image = Solid(300, 200, r, g, b);
        var tensor = new float[3 * 224 * 224];

        new ClipImagePreprocessor().Preprocess(image, tensor);

        var defaults = ClipImagePreprocessing.Default;
        byte[] colour = [r, g, b];
        for (var c = 0; c < 3; c++)
        {
            var expected = (colour[c] / 255.0 - defaults.Mean[c]) / defaults.Std[c];
            foreach (var value in tensor.AsSpan(c * 224 * 224, 224 * 224))
            {
                Assert.Equal(expected, value, 1e-5);
            }
        }
    }

    [Theory]
    [InlineData(640, 480, 298, 224)]
    [InlineData(480, 640, 224, 298)]
    [InlineData(37, 23, 360, 224)]
    [InlineData(224, 224, 224, 224)]
    public void The_shorter_side_becomes_224_and_the_longer_side_is_truncated_like_Hugging_Face(int width, int height, int resizedWidth, int resizedHeight)
    {
        Assert.Equal((resizedWidth, resizedHeight), new ClipImagePreprocessor().ResizedSize(width, height));
    }

    // Expected digests and pixels from Pillow 9.4.0: Image.frombytes('RGB', (37, 23), Pattern(37, 23)).resize((w, h), Image.BICUBIC).tobytes().
    [Theory]
    [InlineData(13, 9, "633e191cb9129855e7d85cfd3b49c028e96c75a0f535a0b0ae7e703e29341dca", new byte[] { 9, 10, 5, 28, 23, 19 })]
    [InlineData(50, 31, "166465cbf8fe6290792c0a11089675ed68deafe2a0ef4c547b6abf28b5c973f3", new byte[] { 0, 0, 0, 4, 0, 3 })]
    [InlineData(20, 23, "ba89691ef2fa1a6970b00339211f8b7375c6fdd2f63b90b6643e7775ed22c2eb", new byte[] { 3, 0, 2, 16, 5, 11 })]
    [InlineData(37, 10, "d4d0625f860021553af3f7f19cdca6ee34d4c0f2f8e640decaf514cde3c5e233", new byte[] { 2, 8, 4, 9, 9, 4 })]
    [InlineData(224, 224, "948d0994df4c9e9cf2f496c8516f672182595659766fb485b1e788aeee66a290", new byte[] { 0, 0, 0, 0, 0, 0 })]
    public void Bicubic_resize_is_bit_identical_to_Pillow(int width, int height, string sha256, byte[] firstBytes)
    {
        var resized = PillowBicubicResize.Resize(Pattern(37, 23), width, height);

        Assert.Equal(firstBytes, resized.Pixels[..6]);
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(resized.Pixels)));
    }

    // Expected values from Hugging Face's CLIPImageProcessor steps in NumPy over Pillow 9.4.0 (resize to 360×224, crop at
    // x = 68, rescale in float64 then float32, normalize in float32).
    [Fact]
    public void The_whole_pipeline_matches_the_Hugging_Face_steps_on_Pillow()
    {
        var tensor = new float[3 * 224 * 224];

        new ClipImagePreprocessor().Preprocess(Pattern(37, 23), tensor);

        Assert.Equal(-1.1207349f, tensor[0], 1e-5f);
        Assert.Equal(1.4595653f, tensor[224 * 224 + 100 * 224 + 37], 1e-5f);
        Assert.Equal(-0.7976566f, tensor[^1], 1e-5f);
        Assert.Equal(-1.7922626f, tensor.Min(), 1e-5f);
        Assert.Equal(2.0748837f, tensor.Max(), 1e-5f);
        Assert.Equal(16199.792438956909, tensor.Sum(v => (double)v), 0.05);
    }

    /// <summary>The test pattern, also written in the Python that produced the expected values.</summary>
    internal static RgbImage Pattern(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var at = (y * width + x) * 3;
                pixels[at] = (byte)((x * 7 + y * 3) % 256);
                pixels[at + 1] = (byte)((x * x + y * 11) % 256);
                pixels[at + 2] = (byte)((x ^ y) * 5 % 256);
            }
        }

        return new RgbImage(width, height, pixels);
    }

    internal static RgbImage Solid(int width, int height, byte r, byte g, byte b)
    {
        var pixels = new byte[width * height * 3];
        for (var i = 0; i < pixels.Length; i += 3)
        {
            (pixels[i], pixels[i + 1], pixels[i + 2]) = (r, g, b);
        }

        return new RgbImage(width, height, pixels);
    }
}
