using System.Runtime.InteropServices;

namespace SearchEngine.Embeddings.Onnx;

/// <summary>
/// Builds a small ONNX model (one graph, default domain) and writes it as an ONNX <c>ModelProto</c>. Used by tests to
/// make tiny graphs and by training to export heads. Only what such graphs need is supported: tensor inputs and
/// outputs with fixed or symbolic dimensions, float and int64 initializers, nodes with int/float/string/list attributes.
/// </summary>
/// <example>
/// <code>
/// var graph = new OnnxGraphBuilder("head");
/// graph.AddInput("features", OnnxDataType.Float, "N", 1280);
/// graph.AddInitializer("W", weights, 1280, 256);
/// var h = graph.Apply("MatMul", "features", "W");
/// graph.AddNode("LpNormalization", [h], ["embedding"], OnnxAttribute.Int("axis", -1));
/// graph.AddOutput("embedding", OnnxDataType.Float, "N", 256);
/// graph.Save("head.onnx");
/// </code>
/// </example>
public sealed class OnnxGraphBuilder
{
    /// <summary>The operator set used unless another is asked for. In opset 17 the Reduce* operators except ReduceSum take <c>axes</c> as an attribute; ReduceSum takes it as an input tensor.</summary>
    public const int DefaultOpset = 17;

    // IR version 8 goes with opsets up to 17/18 and is read by every ONNX Runtime release since 1.10.
    private const long IrVersion = 8;

    private readonly List<ProtobufWriter> _inputs = [];
    private readonly List<ProtobufWriter> _outputs = [];
    private readonly List<ProtobufWriter> _initializers = [];
    private readonly List<ProtobufWriter> _nodes = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private int _generated;

    /// <summary>Starts an empty graph named <paramref name="name"/>.</summary>
    public OnnxGraphBuilder(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The graph's name.</summary>
    public string Name { get; }

    /// <summary>Adds a graph input of <paramref name="type"/> with the given dimensions (numbers or symbols like <c>"N"</c>).</summary>
    public OnnxGraphBuilder AddInput(string name, OnnxDataType type, params OnnxDimension[] dims)
    {
        Declare(name);
        _inputs.Add(ValueInfo(name, type, dims));
        return this;
    }

    /// <summary>Adds a graph output whose shape is left to shape inference.</summary>
    public OnnxGraphBuilder AddOutput(string name, OnnxDataType type)
    {
        _outputs.Add(ValueInfo(name, type, null));
        return this;
    }

    /// <summary>Adds a graph output with a declared shape.</summary>
    public OnnxGraphBuilder AddOutput(string name, OnnxDataType type, params OnnxDimension[] dims)
    {
        _outputs.Add(ValueInfo(name, type, dims));
        return this;
    }

    /// <summary>Adds a float constant tensor of shape <paramref name="dims"/> (row-major <paramref name="values"/>).</summary>
    public OnnxGraphBuilder AddInitializer(string name, ReadOnlySpan<float> values, params long[] dims)
    {
        CheckCount(name, values.Length, dims);
        Declare(name);
        _initializers.Add(Tensor(name, OnnxDataType.Float, dims, MemoryMarshal.AsBytes(values)));
        return this;
    }

    /// <summary>Adds an int64 constant tensor of shape <paramref name="dims"/> (shapes, axes, indices).</summary>
    public OnnxGraphBuilder AddInitializer(string name, ReadOnlySpan<long> values, params long[] dims)
    {
        CheckCount(name, values.Length, dims);
        Declare(name);
        _initializers.Add(Tensor(name, OnnxDataType.Int64, dims, MemoryMarshal.AsBytes(values)));
        return this;
    }

    /// <summary>Adds a node running <paramref name="opType"/> on <paramref name="inputs"/>, producing <paramref name="outputs"/>.</summary>
    public OnnxGraphBuilder AddNode(string opType, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, params OnnxAttribute[] attributes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(opType);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        if (outputs.Count == 0)
        {
            throw new ArgumentException($"Node {opType} needs at least one output.", nameof(outputs));
        }

        // NodeProto: input = 1, output = 2, name = 3, op_type = 4, attribute = 5.
        var node = new ProtobufWriter();
        foreach (var input in inputs)
        {
            node.WriteString(1, input);
        }

        foreach (var output in outputs)
        {
            Declare(output);
            node.WriteString(2, output);
        }

        node.WriteString(3, $"{opType}_{_nodes.Count}");
        node.WriteString(4, opType);
        foreach (var attribute in attributes)
        {
            node.WriteMessage(5, attribute.Encode());
        }

        _nodes.Add(node);
        return this;
    }

    /// <summary>Adds a single-output node and returns the generated name of its output, for chaining.</summary>
    public string Apply(string opType, params string[] inputs) => Apply(opType, inputs, []);

    /// <summary>Adds a single-output node with attributes and returns the generated name of its output.</summary>
    public string Apply(string opType, IReadOnlyList<string> inputs, params OnnxAttribute[] attributes)
    {
        string output;
        do
        {
            output = $"{opType.ToLowerInvariant()}_{_generated++}";
        }
        while (_names.Contains(output));

        AddNode(opType, inputs, [output], attributes);
        return output;
    }

    /// <summary>Encodes the model (ONNX <c>ModelProto</c>) importing the default operator set at <paramref name="opset"/>.</summary>
    public byte[] ToBytes(int opset = DefaultOpset)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(opset, 7);
        if (_outputs.Count == 0)
        {
            throw new InvalidOperationException($"Graph '{Name}' has no outputs; call AddOutput before writing it.");
        }

        // GraphProto: node = 1, name = 2, initializer = 5, input = 11, output = 12.
        var graph = new ProtobufWriter();
        foreach (var node in _nodes)
        {
            graph.WriteMessage(1, node);
        }

        graph.WriteString(2, Name);
        foreach (var initializer in _initializers)
        {
            graph.WriteMessage(5, initializer);
        }

        foreach (var input in _inputs)
        {
            graph.WriteMessage(11, input);
        }

        foreach (var output in _outputs)
        {
            graph.WriteMessage(12, output);
        }

        // OperatorSetIdProto: domain = 1 (empty = default ONNX domain), version = 2.
        var opsetImport = new ProtobufWriter();
        opsetImport.WriteInt64(2, opset);

        // ModelProto: ir_version = 1, producer_name = 2, producer_version = 3, graph = 7, opset_import = 8.
        var model = new ProtobufWriter();
        model.WriteInt64(1, IrVersion);
        model.WriteString(2, "SearchEngine");
        model.WriteString(3, typeof(OnnxGraphBuilder).Assembly.GetName().Version?.ToString() ?? "0");
        model.WriteMessage(7, graph);
        model.WriteMessage(8, opsetImport);
        return model.ToArray();
    }

    /// <summary>Writes the model to <paramref name="path"/> (creating its folder).</summary>
    public void Save(string path, int opset = DefaultOpset)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllBytes(path, ToBytes(opset));
    }

    private static void CheckCount(string name, int count, long[] dims)
    {
        long expected = 1;
        foreach (var dim in dims)
        {
            expected *= dim;
        }

        if (expected != count)
        {
            throw new ArgumentException($"Initializer '{name}' has shape [{string.Join(',', dims)}] ({expected} values) but {count} values were given.");
        }
    }

    private static ProtobufWriter Tensor(string name, OnnxDataType type, long[] dims, ReadOnlySpan<byte> rawLittleEndian)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("ONNX raw_data is little-endian; big-endian hosts are not supported.");
        }

        // TensorProto: dims = 1, data_type = 2, name = 8, raw_data = 9.
        var tensor = new ProtobufWriter();
        tensor.WritePackedInt64(1, dims);
        tensor.WriteInt64(2, (long)type);
        tensor.WriteString(8, name);
        tensor.WriteBytes(9, rawLittleEndian);
        return tensor;
    }

    private static ProtobufWriter ValueInfo(string name, OnnxDataType type, OnnxDimension[]? dims)
    {
        // ValueInfoProto: name = 1, type = 2. TypeProto: tensor_type = 1. TypeProto.Tensor: elem_type = 1, shape = 2.
        // TensorShapeProto: dim = 1. Dimension: dim_value = 1, dim_param = 2.
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var tensorType = new ProtobufWriter();
        tensorType.WriteInt64(1, (long)type);
        if (dims is not null)
        {
            var shape = new ProtobufWriter();
            foreach (var dim in dims)
            {
                var dimension = new ProtobufWriter();
                if (dim.Symbol is not null)
                {
                    dimension.WriteString(2, dim.Symbol);
                }
                else
                {
                    dimension.WriteInt64(1, dim.Size ?? 0);
                }

                shape.WriteMessage(1, dimension);
            }

            tensorType.WriteMessage(2, shape);
        }

        var typeProto = new ProtobufWriter();
        typeProto.WriteMessage(1, tensorType);
        var valueInfo = new ProtobufWriter();
        valueInfo.WriteString(1, name);
        valueInfo.WriteMessage(2, typeProto);
        return valueInfo;
    }

    private void Declare(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!_names.Add(name))
        {
            throw new ArgumentException($"Graph '{Name}' already has a value named '{name}'; ONNX values are assigned once.", nameof(name));
        }
    }
}
