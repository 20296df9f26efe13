using Microsoft.ML.OnnxRuntime;
using SearchEngine.Embeddings.Inference;
using SearchEngine.Embeddings.Onnx;

namespace SearchEngine.Embeddings.Tests.Onnx;

public sealed class OnnxGraphBuilderTests
{
    private static readonly Random Seeded = new(1234);

    [Fact]
    public void MatMulAddRelu_with_symbolic_batch_matches_values_computed_in_CSharp()
    {
        const int inputs = 5, outputs = 3, batch = 4;
        var weight = RandomValues(inputs * outputs);
        var bias = RandomValues(outputs);
        var graph = new OnnxGraphBuilder("mlp");
        graph.AddInput("x", OnnxDataType.Float, "N", inputs);
        graph.AddInitializer("W", weight, inputs, outputs);
        graph.AddInitializer("b", bias, outputs);
        var product = graph.Apply("MatMul", "x", "W");
        var sum = graph.Apply("Add", product, "b");
        graph.AddNode("Relu", [sum], ["y"]);
        graph.AddOutput("y", OnnxDataType.Float, "N", outputs);

        var x = RandomValues(batch * inputs);
        var y = Run(graph, ("x", x, [batch, inputs]));

        for (var n = 0; n < batch; n++)
        {
            for (var o = 0; o < outputs; o++)
            {
                var expected = bias[o];
                for (var i = 0; i < inputs; i++)
                {
                    expected += x[n * inputs + i] * weight[i * outputs + o];
                }

                Assert.Equal(Math.Max(0, expected), y[n * outputs + o], 1e-5f);
            }
        }
    }

    [Fact]
    public void ReduceMean_Softmax_and_LpNormalization_match_CSharp()
    {
        var graph = new OnnxGraphBuilder("reductions");
        graph.AddInput("x", OnnxDataType.Float, "N", 4);
        graph.AddNode("ReduceMean", ["x"], ["mean"], OnnxAttribute.Ints("axes", 1), OnnxAttribute.Int("keepdims", 0));
        graph.AddNode("Softmax", ["x"], ["softmax"], OnnxAttribute.Int("axis", -1));
        graph.AddNode("LpNormalization", ["x"], ["unit"], OnnxAttribute.Int("axis", -1), OnnxAttribute.Int("p", 2));
        graph.AddOutput("mean", OnnxDataType.Float, "N");
        graph.AddOutput("softmax", OnnxDataType.Float, "N", 4);
        graph.AddOutput("unit", OnnxDataType.Float, "N", 4);
        float[] x = [1, 2, 3, 4, -1, 0.5f, 0, 2];

        using var session = OnnxSessionFactory.Default.Open(graph.ToBytes());
        using var input = OrtValue.CreateTensorValueFromMemory(x, [2, 4]);
        using var results = session.Run(new RunOptions(), ["x"], [input], ["mean", "softmax", "unit"]);
        var mean = results[0].GetTensorDataAsSpan<float>().ToArray();
        var softmax = results[1].GetTensorDataAsSpan<float>().ToArray();
        var unit = results[2].GetTensorDataAsSpan<float>().ToArray();

        for (var row = 0; row < 2; row++)
        {
            var values = x.AsSpan(row * 4, 4).ToArray();
            Assert.Equal(values.Average(), mean[row], 1e-6f);
            var exp = values.Select(v => Math.Exp(v)).ToArray();
            var norm = Math.Sqrt(values.Sum(v => (double)v * v));
            for (var i = 0; i < 4; i++)
            {
                Assert.Equal(exp[i] / exp.Sum(), softmax[row * 4 + i], 1e-6);
                Assert.Equal(values[i] / norm, unit[row * 4 + i], 1e-6);
            }
        }
    }

    [Fact]
    public void Gather_with_int64_indices_and_Div_by_ReduceL2_match_CSharp()
    {
        float[] table = [1, 0, 0, 3, 4, 0, 0, 0, 2, 1, 1, 1];
        var graph = new OnnxGraphBuilder("lookup");
        graph.AddInput("ids", OnnxDataType.Int64, "N");
        graph.AddInitializer("table", table, 4, 3);
        var rows = graph.Apply("Gather", ["table", "ids"], OnnxAttribute.Int("axis", 0));
        var norm = graph.Apply("ReduceL2", [rows], OnnxAttribute.Ints("axes", -1), OnnxAttribute.Int("keepdims", 1));
        graph.AddNode("Div", [rows, norm], ["unit"]);
        graph.AddOutput("unit", OnnxDataType.Float, "N", 3);

        using var session = OnnxSessionFactory.Default.Open(graph.ToBytes());
        long[] ids = [1, 3, 0];
        using var input = OrtValue.CreateTensorValueFromMemory(ids, [3]);
        using var results = session.Run(new RunOptions(), ["ids"], [input], ["unit"]);
        var unit = results[0].GetTensorDataAsSpan<float>().ToArray();

        float[] expected = [0.6f, 0.8f, 0, 1 / MathF.Sqrt(3), 1 / MathF.Sqrt(3), 1 / MathF.Sqrt(3), 1, 0, 0];
        Assert.Equal(expected.Length, unit.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], unit[i], 1e-6f);
        }
    }

    [Fact]
    public void Masked_mean_head_ignores_padding_and_stays_finite_for_an_empty_mask()
    {
        const int features = 3, dim = 2;
        var layer = new DenseLayer(RandomValues(features * dim), RandomValues(dim), features, dim);
        var graph = HeadGraphs.Text(features, [layer]);

        // Row 0: two real elements and one padded; row 1: all padding.
        float[] vectors = [1, 2, 3, 3, 2, 1, 100, 100, 100, 5, 5, 5, 6, 6, 6, 7, 7, 7];
        float[] mask = [1, 1, 0, 0, 0, 0];
        using var session = OnnxSessionFactory.Default.Open(graph.ToBytes());
        using var v = OrtValue.CreateTensorValueFromMemory(vectors, [2, 3, features]);
        using var m = OrtValue.CreateTensorValueFromMemory(mask, [2, 3]);
        using var results = session.Run(new RunOptions(), [HeadContract.WordVectors, HeadContract.Mask], [v, m], [HeadContract.Embedding]);
        var embedding = results[0].GetTensorDataAsSpan<float>().ToArray();

        float[] pooled = [2, 2, 2];
        for (var o = 0; o < dim; o++)
        {
            var expected = layer.Bias[o];
            for (var i = 0; i < features; i++)
            {
                expected += pooled[i] * layer.Weight[i * dim + o];
            }

            Assert.Equal(expected, embedding[o], 1e-5f);
            Assert.Equal(layer.Bias[o], embedding[dim + o], 1e-6f);
        }
    }

    [Fact]
    public void Reusing_a_value_name_is_refused_with_the_name()
    {
        var graph = new OnnxGraphBuilder("dup");
        graph.AddInput("x", OnnxDataType.Float, "N");
        var error = Assert.Throws<ArgumentException>(() => graph.AddInitializer("x", [1f], 1));
        Assert.Contains("'x'", error.Message, StringComparison.Ordinal);
    }

    private static float[] Run(OnnxGraphBuilder graph, (string Name, float[] Values, long[] Shape) input)
    {
        using var session = OnnxSessionFactory.Default.Open(graph.ToBytes());
        using var value = OrtValue.CreateTensorValueFromMemory(input.Values, input.Shape);
        using var results = session.Run(new RunOptions(), [input.Name], [value], [session.OutputNames[0]]);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }

    private static float[] RandomValues(int count)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (float)(Seeded.NextDouble() * 2 - 1);
        }

        return values;
    }
}
