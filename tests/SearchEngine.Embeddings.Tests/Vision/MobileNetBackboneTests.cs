using Microsoft.ML.OnnxRuntime;
using SearchEngine.Embeddings.Inference;
using SearchEngine.Embeddings.Offline;
using SearchEngine.Embeddings.Tests.Fixtures;
using SearchEngine.Embeddings.Vision;
using SearchEngine.Testing;

namespace SearchEngine.Embeddings.Tests.Vision;

public sealed class MobileNetBackboneTests
{
    [Theory]
    [InlineData("3385593926_d3e9c21170.jpg", "Dobermann")]
    [InlineData("2659183350_730951f740.jpg", "baseball")] // captions: "a boy kicks a giant baseball"
    [InlineData("2391812384_7429b5e567.jpg", "fountain")] // captions: "a family playing in the spray of a fountain"
    public void Preprocessing_and_backbone_give_the_right_top1_class(string image, string expected)
    {
        var classes = File.ReadAllLines(SharedFiles.Require("models/mobilenetv2/imagenet_classes.txt"));
        var (logits, features) = RunBackbone(ImageBackboneParityTests.Preprocess([TestImages.Flickr(image)]), 1);
        var top = logits.Select((value, index) => (value, index)).MaxBy(p => p.value).index;
        Assert.Equal(expected, classes[top]);
        Assert.Equal(1280, features.Length);
        Assert.All(features, v => Assert.True(v >= 0));
    }

    [Fact]
    public void Preprocessed_tensor_has_the_normalized_values_of_a_plain_resize()
    {
        // A 224×224 grey image upscales to 256 and crops back to 224: every value is (128/255 - mean) / std.
        var pixels = Enumerable.Repeat((byte)128, 224 * 224 * 3).ToArray();
        var writer = new ImageTensorWriter(ImagePreprocessing.MobileNetV2);
        var tensor = new float[writer.Settings.TensorLength];
        writer.Write(new SearchEngine.Core.Media.RgbImage(224, 224, pixels), tensor);
        for (var c = 0; c < 3; c++)
        {
            var expected = (128f / 255f - ImagePreprocessing.MobileNetV2.Mean[c]) / ImagePreprocessing.MobileNetV2.Std[c];
            Assert.All(tensor.AsSpan(c * 224 * 224, 224 * 224).ToArray(), v => Assert.Equal(expected, v, 1e-5f));
        }
    }

    [Fact]
    public void Wide_image_is_center_cropped_so_the_left_edge_is_dropped()
    {
        // 600×300: red left sixth, green rest. Resized to 512×256 the red ends near column 85; the centre crop starts at 144: all green.
        var width = 600;
        var height = 300;
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                pixels[(y * width + x) * 3 + (x < 100 ? 0 : 1)] = 255;
            }
        }

        var writer = new ImageTensorWriter(ImagePreprocessing.MobileNetV2);
        var tensor = new float[writer.Settings.TensorLength];
        writer.Write(new SearchEngine.Core.Media.RgbImage(width, height, pixels), tensor);
        var redZero = (0f - 0.485f) / 0.229f;
        var greenMax = (1f - 0.456f) / 0.224f;
        Assert.All(tensor.AsSpan(0, 224 * 224).ToArray(), v => Assert.Equal(redZero, v, 1e-4f));
        Assert.All(tensor.AsSpan(224 * 224, 224 * 224).ToArray(), v => Assert.Equal(greenMax, v, 1e-4f));
    }

    /// <summary>The image backbone as the offline pack's tower opens it (its precision included) over preprocessed images.</summary>
    internal static (float[] Logits, float[] Features) RunBackbone(float[] tensor, int count)
    {
        using var session = OnnxSessionFactory.Default.Open(
            SharedFiles.Require("models/mobilenetv2/mobilenetv2-12-int8-features.onnx"), OfflinePack.ImageBackbonePrecision);
        using var input = OrtValue.CreateTensorValueFromMemory(tensor, [count, 3, 224, 224]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["input"], [input], ["output", "features"]);
        return (outputs[0].GetTensorDataAsSpan<float>().ToArray(), outputs[1].GetTensorDataAsSpan<float>().ToArray());
    }
}
