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

    // Every optional layer switched on (standardization, residual blocks, self-attention), whatever the defaults are.
    private static readonly HeadShape Deep = new()
    {
        StandardizeImageFeatures = true, ImageBlocks = 2, TextLayers = 2, TextAttentionHeads = 4, TextTokenWidth = 64, AdaptedWords = 40,
    };

    public static TheoryData<string> Shapes => ["default", "deep"];

    public static TheoryData<string, string> SlotsAndShapes => new()
    {
        { "audio", "default" }, { "text", "default" }, { "audio", "deep" }, { "text", "deep" },
    };

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

        float[] expected;
        using (no_grad())
        using (var input = tensor(features, [5, BackboneWidths.ImageFeatures]))
        {
            expected = model.Image.forward(input).data<float>().ToArray();
        }

        using var session = OnnxSessionFactory.Default.Open(HeadExporter.Image(model.Image).ToBytes());
        var actual = Run(session, (HeadContract.Features, features, [5, BackboneWidths.ImageFeatures]));

        AssertClose(expected, actual);
    }

    [Theory]
    [MemberData(nameof(SlotsAndShapes))]
    public void A_sequence_head_gives_the_same_embeddings_with_padding_in_TorchSharp_and_ONNX_Runtime(string slot, string shape)
    {
        random.manual_seed(12);
        using var model = new ContrastiveModel(ShapeNamed(shape));
        model.eval();
        var audio = slot == "audio";
        var head = audio ? model.Audio : model.Text;
        var width = audio ? BackboneWidths.AudioPatch : BackboneWidths.WordVector;
        var input = audio ? HeadContract.Patches : HeadContract.WordVectors;
        const int rows = 4, length = 6;
        var values = Uniform(new Random(12), rows * length * width, -2, 2);
        // Rows of 6, 3 and 1 real elements, and one with none (a text without a known word must stay finite).
        var lengths = new[] { 6, 3, 1, 0 };
        var mask = new float[rows * length];
        for (var r = 0; r < rows; r++)
        {
            for (var t = 0; t < lengths[r]; t++)
            {
                mask[r * length + t] = 1f;
            }
        }

        if (head.Adaptation is { } adaptation)
        {
            // Every other input token is a fine-tuned word with a non-zero offset; the rest pass unchanged.
            using var vocabulary = tensor(values, [rows * length, width]).index_select(0, arange(0, rows * length, 2));
            Assert.Equal(rows * length / 2, adaptation.Adopt(vocabulary).Length);
            using var noGrad = no_grad();
            using var offsets = randn(adaptation.Capacity, width);
            adaptation.Offsets.copy_(offsets);
        }

        float[] expected;
        using (no_grad())
        using (var x = tensor(values, [rows, length, width]))
        using (var m = tensor(mask, [rows, length]))
        {
            expected = head.forward(x, m).data<float>().ToArray();
        }

        var graph = HeadExporter.Sequence(head, $"{slot}_head", input, "L", width);
        using var session = OnnxSessionFactory.Default.Open(graph.ToBytes());
        var actual = Run(session, (input, values, [rows, length, width]), (HeadContract.Mask, mask, [rows, length]));

        Assert.All(actual, v => Assert.True(float.IsFinite(v)));
        AssertClose(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Padding_does_not_change_a_sequence_embedding(string shape)
    {
        random.manual_seed(13);
        using var model = new ContrastiveModel(ShapeNamed(shape));
        model.eval();
        var words = Uniform(new Random(13), 3 * BackboneWidths.WordVector, -1, 1);
        var padded = new float[5 * BackboneWidths.WordVector];
        words.CopyTo(padded, 0);
        using var session = OnnxSessionFactory.Default.Open(
            HeadExporter.Sequence(model.Text, "text_head", HeadContract.WordVectors, "T", BackboneWidths.WordVector).ToBytes());

        var alone = Run(session, (HeadContract.WordVectors, words, [1, 3, BackboneWidths.WordVector]), (HeadContract.Mask, [1f, 1f, 1f], [1, 3]));
        var withPadding = Run(session, (HeadContract.WordVectors, padded, [1, 5, BackboneWidths.WordVector]), (HeadContract.Mask, [1f, 1f, 1f, 0f, 0f], [1, 5]));

        AssertClose(alone, withPadding);
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
