using System.Buffers.Binary;
using Onnx;

namespace SearchEngine.Embeddings.Tests.Vision;

/// <summary>
/// Evaluates a float ONNX graph of the few operators the float32 MobileNetV2 uses, in double precision with plain loops:
/// a reference that shares no kernel, no instruction-set dispatch and no summation order with ONNX Runtime.
/// </summary>
internal sealed class ReferenceGraphEvaluator
{
    private readonly GraphProto _graph;
    private readonly Dictionary<string, Tensor> _constants = new(StringComparer.Ordinal);

    public ReferenceGraphEvaluator(byte[] model)
    {
        _graph = ModelProto.Parser.ParseFrom(model).Graph;
        foreach (var initializer in _graph.Initializer)
        {
            _constants[initializer.Name] = Read(initializer);
        }
    }

    public IReadOnlyList<double[]> Run(string input, float[] data, int[] shape, params string[] outputs)
    {
        var values = new Dictionary<string, Tensor>(_constants, StringComparer.Ordinal) { [input] = new([.. data.Select(v => (double)v)], shape) };
        foreach (var node in _graph.Node)
        {
            var inputs = node.Input.Where(i => i.Length > 0).Select(i => values[i]).ToArray();
            values[node.Output[0]] = node.OpType switch
            {
                "Conv" => Conv(inputs[0], inputs[1], inputs.Length > 2 ? inputs[2] : null, node),
                "Clip" => Map(inputs[0], v => Math.Clamp(v, inputs[1].Data[0], inputs[2].Data[0])),
                "Identity" => inputs[0],
                "Add" => Add(inputs[0], inputs[1]),
                "GlobalAveragePool" => GlobalAveragePool(inputs[0]),
                "MatMul" => MatMul(inputs[0], inputs[1]),
                "Shape" => new([.. inputs[0].Shape.Select(d => (double)d)], [inputs[0].Shape.Length]),
                "Gather" => new([inputs[0].Data[(int)inputs[1].Data[0]]], []),
                "Unsqueeze" => new(inputs[0].Data, [1, .. inputs[0].Shape]),
                "Concat" => new([.. inputs.SelectMany(t => t.Data)], [inputs.Sum(t => t.Data.Length)]),
                "Reshape" => Reshape(inputs[0], inputs[1]),
                var op => throw new NotSupportedException($"The reference evaluator has no '{op}'."),
            };
        }

        return [.. outputs.Select(o => values[o].Data)];
    }

    private static Tensor Conv(Tensor x, Tensor w, Tensor? bias, NodeProto node)
    {
        long[] Ints(string name, long fallback, int count) =>
            node.Attribute.FirstOrDefault(a => a.Name == name)?.Ints.ToArray() ?? Enumerable.Repeat(fallback, count).ToArray();
        var group = (int)(node.Attribute.FirstOrDefault(a => a.Name == "group")?.I ?? 1);
        var strides = Ints("strides", 1, 2);
        var pads = Ints("pads", 0, 4);
        if (Ints("dilations", 1, 2).Any(d => d != 1))
        {
            throw new NotSupportedException("The reference evaluator has no dilated convolution.");
        }

        int n = x.Shape[0], c = x.Shape[1], h = x.Shape[2], wd = x.Shape[3];
        int m = w.Shape[0], cg = w.Shape[1], kh = w.Shape[2], kw = w.Shape[3];
        int oh = (int)((h + pads[0] + pads[2] - kh) / strides[0] + 1), ow = (int)((wd + pads[1] + pads[3] - kw) / strides[1] + 1);
        var mg = m / group;
        var output = new double[n * m * oh * ow];
        Parallel.For(0, n * m, nm =>
        {
            int image = nm / m, channel = nm % m, firstInput = channel / mg * cg;
            for (var oy = 0; oy < oh; oy++)
            {
                for (var ox = 0; ox < ow; ox++)
                {
                    var sum = bias?.Data[channel] ?? 0;
                    for (var ic = 0; ic < cg; ic++)
                    {
                        for (var ky = 0; ky < kh; ky++)
                        {
                            var iy = (int)(oy * strides[0] - pads[0] + ky);
                            if (iy < 0 || iy >= h)
                            {
                                continue;
                            }

                            for (var kx = 0; kx < kw; kx++)
                            {
                                var ix = (int)(ox * strides[1] - pads[1] + kx);
                                if (ix >= 0 && ix < wd)
                                {
                                    sum += x.Data[((image * c + firstInput + ic) * h + iy) * wd + ix] * w.Data[((channel * cg + ic) * kh + ky) * kw + kx];
                                }
                            }
                        }
                    }

                    output[((image * m + channel) * oh + oy) * ow + ox] = sum;
                }
            }
        });
        return new(output, [n, m, oh, ow]);
    }

    private static Tensor Add(Tensor a, Tensor b)
    {
        // Same shapes, or b broadcast along a's trailing axis (a bias).
        var result = new double[a.Data.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = a.Data[i] + b.Data[i % b.Data.Length];
        }

        return new(result, a.Shape);
    }

    private static Tensor GlobalAveragePool(Tensor x)
    {
        int planes = x.Shape[0] * x.Shape[1], size = x.Shape[2] * x.Shape[3];
        var result = new double[planes];
        for (var p = 0; p < planes; p++)
        {
            result[p] = x.Data.AsSpan(p * size, size).ToArray().Sum() / size;
        }

        return new(result, [x.Shape[0], x.Shape[1], 1, 1]);
    }

    private static Tensor MatMul(Tensor a, Tensor b)
    {
        int rows = a.Shape[0], inner = a.Shape[1], columns = b.Shape[1];
        var result = new double[rows * columns];
        for (var r = 0; r < rows; r++)
        {
            for (var k = 0; k < inner; k++)
            {
                for (var col = 0; col < columns; col++)
                {
                    result[r * columns + col] += a.Data[r * inner + k] * b.Data[k * columns + col];
                }
            }
        }

        return new(result, [rows, columns]);
    }

    private static Tensor Reshape(Tensor x, Tensor shape)
    {
        var dims = shape.Data.Select(d => (int)d).ToArray();
        var known = dims.Where(d => d > 0).Aggregate(1, (p, d) => p * d);
        return new(x.Data, [.. dims.Select(d => d == -1 ? x.Data.Length / known : d)]);
    }

    private static Tensor Map(Tensor x, Func<double, double> f) => new([.. x.Data.Select(f)], x.Shape);

    private static Tensor Read(TensorProto tensor)
    {
        var shape = tensor.Dims.Select(d => (int)d).ToArray();
        var raw = tensor.RawData.Span;
        double[] data = (TensorProto.Types.DataType)tensor.DataType switch
        {
            TensorProto.Types.DataType.Float when raw.Length > 0 =>
                [.. Enumerable.Range(0, raw.Length / 4).Select(i => (double)BinaryPrimitives.ReadSingleLittleEndian(tensor.RawData.Span[(i * 4)..]))],
            TensorProto.Types.DataType.Float => [.. tensor.FloatData.Select(v => (double)v)],
            TensorProto.Types.DataType.Int64 when raw.Length > 0 =>
                [.. Enumerable.Range(0, raw.Length / 8).Select(i => (double)BinaryPrimitives.ReadInt64LittleEndian(tensor.RawData.Span[(i * 8)..]))],
            TensorProto.Types.DataType.Int64 => [.. tensor.Int64Data.Select(v => (double)v)],
            // Constants of other types (the int8 model's leftovers) are never read by a float graph's operators.
            _ => [],
        };
        return new(data, shape);
    }

    private sealed record Tensor(double[] Data, int[] Shape);
}
