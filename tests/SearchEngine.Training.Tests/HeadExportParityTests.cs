using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SearchEngine.Embeddings.Inference;
using SearchEngine.Embeddings.Onnx;
using SearchEngine.Training.Export;
using SearchEngine.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace SearchEngine.Training.Tests;

/// <summary>The exported ONNX heads compute what the TorchSharp heads compute, on ONNX Runtime, to within 1e-4.</summary>
public sealed class HeadExportParityTests
{
    private const float Tolerance = 1e-4f;

    // The pack's real head sizes, so the test covers the exported graphs as shipped.
    private static readonly HeadShape Shape = new();

    // Every optional layer switched on (standardization, residual blocks), whatever the defaults are.
    private static readonly HeadShape Deep = new() { StandardizeImageFeatures = true, ImageBlocks = 2 };

    public static TheoryData<string> Shapes => ["default", "deep"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void The_image_head_gives_the_same_embeddings_in_TorchSharp_and_ONNX_Runtime(string shape)
    {
        random.manual_seed(11);
        using var model = new ContrastiveModel(ShapeNamed(shape));
        var features = Uniform(new Random(11), 5 * BackboneWidths.ImageFeatures, 0, 6);
        if (model.Shape.StandardizeImageFeatures)
        {
            using var training = rand(64, BackboneWidths.ImageFeatures) * 6;
            model.Image.Standardize(training);
        }

        model.eval();
        var expected = Forward(model.Image, features, 5, BackboneWidths.ImageFeatures);
        using var session = OnnxSessionFactory.Default.Open(HeadExporter.Image(model.Image).ToBytes());
        AssertClose(expected, Run(session, (HeadContract.Features, features, [5, BackboneWidths.ImageFeatures])));
    }

    [Fact]
    public void The_text_head_gives_the_same_embeddings_in_TorchSharp_and_ONNX_Runtime()
    {
        random.manual_seed(14);
        using var model = new ContrastiveModel(Shape);
        var sentences = Uniform(new Random(14), 6 * BackboneWidths.Sentence, -0.2f, 0.2f);
        using (var training = rand(64, BackboneWidths.Sentence) * 0.4 - 0.2)
        {
            model.Text.Standardize(training);
        }

        model.eval();
        var expected = Forward(model.Text, sentences, 6, BackboneWidths.Sentence);
        using var session = OnnxSessionFactory.Default.Open(HeadExporter.Text(model.Text).ToBytes());
        AssertClose(expected, Run(session, (HeadContract.Sentence, sentences, [6, BackboneWidths.Sentence])));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void The_audio_head_gives_the_same_embeddings_with_padding_in_TorchSharp_and_ONNX_Runtime(string shape)
    {
        random.manual_seed(12);
        using var model = new ContrastiveModel(ShapeNamed(shape));
        model.eval();
        const int rows = 4, length = 6, width = BackboneWidths.AudioPatch;
        var values = Uniform(new Random(12), rows * length * width, -2, 2);
        // Rows of 6, 3 and 1 real patches, and one with none (the head must stay finite).
        var mask = Mask(rows, length, [6, 3, 1, 0]);
        float[] expected;
        using (no_grad())
        using (var x = tensor(values, [rows, length, width]))
        using (var m = tensor(mask, [rows, length]))
        {
            expected = model.Audio.forward(x, m).data<float>().ToArray();
        }

        using var session = OnnxSessionFactory.Default.Open(HeadExporter.Audio(model.Audio).ToBytes());
        var actual = Run(session, (HeadContract.Patches, values, [rows, length, width]), (HeadContract.Mask, mask, [rows, length]));
        Assert.All(actual, v => Assert.True(float.IsFinite(v)));
        AssertClose(expected, actual);
    }

    [Fact]
    public void Padding_does_not_change_an_audio_embedding()
    {
        random.manual_seed(13);
        using var model = new ContrastiveModel(Shape);
        model.eval();
        const int width = BackboneWidths.AudioPatch;
        var patches = Uniform(new Random(13), 3 * width, -1, 1);
        var padded = new float[5 * width];
        patches.CopyTo(padded, 0);
        using var session = OnnxSessionFactory.Default.Open(HeadExporter.Audio(model.Audio).ToBytes());
        var alone = Run(session, (HeadContract.Patches, patches, [1, 3, width]), (HeadContract.Mask, [1f, 1f, 1f], [1, 3]));
        var withPadding = Run(session, (HeadContract.Patches, padded, [1, 5, width]), (HeadContract.Mask, [1f, 1f, 1f, 0f, 0f], [1, 5]));
        AssertClose(alone, withPadding);
    }

    [Fact]
    public void Bridged_heads_append_the_weighted_concept_of_the_top_classes()
    {
        // Class-name vectors: class c points along axis c % 384, so a concept vector is readable by eye.
        random.manual_seed(15);
        using var model = new ContrastiveModel(Shape);
        model.eval();
        var bridge = new ConceptBridge(Names(BackboneWidths.ImageClasses), Names(BackboneWidths.AudioClasses), ImageWeight: 0.5f, AudioWeight: 2f, TopK: 2);
        var dimension = Shape.Dimension;

        // Image: logits favour class 7 (p ≈ 0.73) over class 3 (p ≈ 0.27); the rest are negligible.
        var features = Uniform(new Random(15), BackboneWidths.ImageFeatures, 0, 6);
        var logits = new float[BackboneWidths.ImageClasses];
        Array.Fill(logits, -30f);
        logits[7] = 2f;
        logits[3] = 1f;
        using var image = OnnxSessionFactory.Default.Open(HeadExporter.Image(model.Image, bridge).ToBytes());
        var fused = Run(image, (HeadContract.Features, features, [1, BackboneWidths.ImageFeatures]), (HeadContract.Logits, logits, [1, BackboneWidths.ImageClasses]));
        Assert.Equal(dimension + BackboneWidths.Sentence, fused.Length);
        AssertClose(Forward(model.Image, features, 1, BackboneWidths.ImageFeatures), fused[..dimension]);
        var p7 = 1 / (1 + MathF.Exp(-1));
        var p3 = 1 - p7;
        var norm = MathF.Sqrt(p7 * p7 + p3 * p3);
        Assert.Equal(0.5f * p7 / norm, fused[dimension + 7], 4);
        Assert.Equal(0.5f * p3 / norm, fused[dimension + 3], 4);
        Assert.Equal(0f, fused[dimension + 5], 4);

        // Audio: the window's mean score picks classes 10 and 20 (padding is ignored).
        var patches = Uniform(new Random(16), 2 * BackboneWidths.AudioPatch, -1, 1);
        var scores = new float[2 * BackboneWidths.AudioClasses];
        scores[10] = 0.9f;
        scores[BackboneWidths.AudioClasses + 10] = 0.9f;
        scores[BackboneWidths.AudioClasses + 20] = 0.6f;
        var padded = new float[3 * BackboneWidths.AudioClasses];
        scores.CopyTo(padded, 0);
        padded[2 * BackboneWidths.AudioClasses + 30] = 1f; // a padding patch's score must not count
        using var audio = OnnxSessionFactory.Default.Open(HeadExporter.Audio(model.Audio, bridge).ToBytes());
        var sound = Run(audio, (HeadContract.Patches, [.. patches, .. new float[BackboneWidths.AudioPatch]], [1, 3, BackboneWidths.AudioPatch]),
            (HeadContract.Mask, [1f, 1f, 0f], [1, 3]), (HeadContract.Scores, padded, [1, 3, BackboneWidths.AudioClasses]));
        var (m10, m20) = (0.9f, 0.3f);
        var audioNorm = MathF.Sqrt(m10 * m10 + m20 * m20);
        Assert.Equal(2f * m10 / audioNorm, sound[dimension + 10], 4);
        Assert.Equal(2f * m20 / audioNorm, sound[dimension + 20], 4);
        Assert.Equal(0f, sound[dimension + 30], 4);

        // Text: the learned part, then the sentence itself, normalized.
        var sentence = Uniform(new Random(17), BackboneWidths.Sentence, -0.2f, 0.2f);
        using var text = OnnxSessionFactory.Default.Open(HeadExporter.Text(model.Text, bridge).ToBytes());
        var query = Run(text, (HeadContract.Sentence, sentence, [1, BackboneWidths.Sentence]));
        var length = MathF.Sqrt(sentence.Sum(v => v * v));
        AssertClose(Forward(model.Text, sentence, 1, BackboneWidths.Sentence), query[..dimension]);
        AssertClose([.. sentence.Select(v => v / length)], query[dimension..]);
    }

    private static float[] Names(int classes)
    {
        var names = new float[classes * BackboneWidths.Sentence];
        for (var c = 0; c < classes; c++)
        {
            names[c * BackboneWidths.Sentence + c % BackboneWidths.Sentence] = 1f;
        }

        return names;
    }

    private static float[] Mask(int rows, int length, int[] lengths)
    {
        var mask = new float[rows * length];
        for (var r = 0; r < rows; r++)
        {
            mask.AsSpan(r * length, lengths[r]).Fill(1f);
        }

        return mask;
    }

    private static float[] Forward(VectorHead head, float[] values, int rows, int width)
    {
        using var noGrad = no_grad();
        using var input = tensor(values, [rows, width]);
        return head.forward(input).data<float>().ToArray();
    }

    private static HeadShape ShapeNamed(string name) => name == "deep" ? Deep : Shape;

    private static float[] Run(InferenceSession session, params (string Name, float[] Values, int[] Shape)[] inputs)
    {
        var values = inputs.Select(i => NamedOnnxValue.CreateFromTensor(i.Name, new DenseTensor<float>(i.Values, i.Shape))).ToList();
        using var results = session.Run(values);
        return results.Single(r => r.Name == HeadContract.Embedding).AsEnumerable<float>().ToArray();
    }

    private static float[] Uniform(Random random, int count, float low, float high) =>
        Enumerable.Range(0, count).Select(_ => low + (high - low) * random.NextSingle()).ToArray();

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(worst < Tolerance, $"max abs difference {worst:E3} is not below {Tolerance:E0}");
    }
}
