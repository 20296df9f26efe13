using Microsoft.ML.OnnxRuntime;
using SearchEngine.Embeddings.Inference;
using SearchEngine.Embeddings.Offline;
using SearchEngine.Embeddings.Onnx;
using SearchEngine.Embeddings.Tests.Fixtures;
using SearchEngine.Embeddings.Vision;
using SearchEngine.Testing;

namespace SearchEngine.Embeddings.Tests.Vision;

/// <summary>
/// The image backbone must give the same features on every CPU, or a pack trained on one machine is served wrongly on
/// another (ONNX Runtime's int8 kernels turned a fountain into a dust jacket on AVX2 CPUs without VNNI). The production
/// session, with whatever kernels ONNX Runtime picks for this CPU, is compared with a plain double-precision evaluation
/// of the same graph that has no instruction-set dispatch at all.
/// </summary>
public sealed class ImageBackboneParityTests
{
    private const string Int8Model = "models/mobilenetv2/mobilenetv2-12-int8-features.onnx";

    // Flickr8k photos of many kinds: dogs, people, water, sport, streets, close-ups.
    private static readonly string[] Images =
    [
        "2391812384_7429b5e567.jpg", "3385593926_d3e9c21170.jpg", "2659183350_730951f740.jpg", "1000268201_693b08cb0e.jpg",
        "1001773457_577c3a7d70.jpg", "1002674143_1b742ab4b8.jpg", "1003163366_44323f5815.jpg", "1007129816_e794419615.jpg",
        "1007320043_627395c3d8.jpg", "1009434119_febe49276a.jpg", "1012212859_01547e3f17.jpg", "1015118661_980735411b.jpg",
        "1015584366_dfcec3c85a.jpg", "101654506_8eb26cfb60.jpg", "101669240_b2d3e7f17b.jpg", "1016887272_03199f49c4.jpg",
    ];

    [Fact]
    public void Production_backbone_gives_the_reference_features_and_class_for_every_test_image()
    {
        var tensor = Preprocess(Images.Select(TestImages.Flickr).ToList());
        var (productionLogits, productionFeatures) = MobileNetBackboneTests.RunBackbone(tensor, Images.Length);
        var reference = new ReferenceGraphEvaluator(Float32Graph.FromInt8(File.ReadAllBytes(SharedFiles.Require(Int8Model))))
            .Run("input", tensor, [Images.Length, 3, 224, 224], "output", "features");

        for (var i = 0; i < Images.Length; i++)
        {
            var features = Cosine(productionFeatures.AsSpan(i * 1280, 1280), reference[1].AsSpan(i * 1280, 1280));
            var logits = Cosine(productionLogits.AsSpan(i * 1000, 1000), reference[0].AsSpan(i * 1000, 1000));
            Assert.True(features >= 0.999, $"{Images[i]}: features cosine {features:F6} to the reference");
            Assert.True(logits >= 0.999, $"{Images[i]}: logits cosine {logits:F6} to the reference");
        }
    }

    [Fact]
    public void Float32_graph_classifies_as_the_int8_graph_it_comes_from()
    {
        // The rewrite must be faithful to the int8 model, or agreeing with it proves nothing: the same top-1 class, and
        // features close to those of the int8 graph run as stored (which differ by its activations' rounding).
        var images = Images.Take(4).Select(TestImages.Flickr).ToList();
        var tensor = Preprocess(images);
        var (floatLogits, floatFeatures) = MobileNetBackboneTests.RunBackbone(tensor, images.Count);
        using var session = OnnxSessionFactory.Default.Open(SharedFiles.Require(Int8Model));
        using var input = OrtValue.CreateTensorValueFromMemory(tensor, [images.Count, 3, 224, 224]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["input"], [input], ["output", "features"]);
        var int8Logits = outputs[0].GetTensorDataAsSpan<float>();
        var int8Features = outputs[1].GetTensorDataAsSpan<float>();
        for (var i = 0; i < images.Count; i++)
        {
            Assert.Equal(ArgMax(int8Logits.Slice(i * 1000, 1000)), ArgMax(floatLogits.AsSpan(i * 1000, 1000)));
            Assert.True(Cosine(int8Features.Slice(i * 1280, 1280), floatFeatures.AsSpan(i * 1280, 1280)) >= 0.95);
        }
    }

    [Fact]
    public void Offline_pack_computes_its_image_backbone_in_float32()
    {
        var backbone = OfflinePack.CreateManifest(64).Towers["image"].Models["backbone"];
        Assert.Equal(Float32Graph.Precision, backbone.Precision);
    }

    internal static float[] Preprocess(IReadOnlyList<SearchEngine.Core.Media.RgbImage> images)
    {
        var writer = new ImageTensorWriter(ImagePreprocessing.MobileNetV2);
        var tensor = new float[images.Count * writer.Settings.TensorLength];
        for (var i = 0; i < images.Count; i++)
        {
            writer.Write(images[i], tensor.AsSpan(i * writer.Settings.TensorLength, writer.Settings.TensorLength));
        }

        return tensor;
    }

    private static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<double> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += b[i] * b[i];
        }

        return dot / Math.Sqrt(na * nb);
    }

    private static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var widened = new double[b.Length];
        for (var i = 0; i < b.Length; i++)
        {
            widened[i] = b[i];
        }

        return Cosine(a, widened);
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }
}
