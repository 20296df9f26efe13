namespace SearchEngine.Embeddings.Onnx;

/// <summary>A node attribute (onnx.proto <c>AttributeProto</c>): an int, float, string or a list of ints or floats.</summary>
public sealed class OnnxAttribute
{
    private OnnxAttribute(string name, AttributeKind kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Kind = kind;
    }

    // AttributeProto.AttributeType values.
    internal enum AttributeKind
    {
        Float = 1,
        Int = 2,
        String = 3,
        Floats = 6,
        Ints = 7,
    }

    /// <summary>The attribute's name, as the operator defines it (e.g. <c>axis</c>).</summary>
    public string Name { get; }

    internal AttributeKind Kind { get; }

    private long IntValue { get; init; }

    private float FloatValue { get; init; }

    private string? StringValue { get; init; }

    private long[]? IntsValue { get; init; }

    private float[]? FloatsValue { get; init; }

    /// <summary>An integer attribute.</summary>
    public static OnnxAttribute Int(string name, long value) => new(name, AttributeKind.Int) { IntValue = value };

    /// <summary>A float attribute.</summary>
    public static OnnxAttribute Float(string name, float value) => new(name, AttributeKind.Float) { FloatValue = value };

    /// <summary>A string attribute.</summary>
    public static OnnxAttribute String(string name, string value) => new(name, AttributeKind.String) { StringValue = value };

    /// <summary>A list-of-integers attribute (e.g. <c>axes</c>, <c>perm</c>).</summary>
    public static OnnxAttribute Ints(string name, params long[] values) => new(name, AttributeKind.Ints) { IntsValue = [.. values] };

    /// <summary>A list-of-floats attribute.</summary>
    public static OnnxAttribute Floats(string name, params float[] values) => new(name, AttributeKind.Floats) { FloatsValue = [.. values] };

    internal ProtobufWriter Encode()
    {
        // AttributeProto: name = 1, f = 2, i = 3, s = 4, floats = 7, ints = 8, type = 20.
        var proto = new ProtobufWriter();
        proto.WriteString(1, Name);
        switch (Kind)
        {
            case AttributeKind.Float: proto.WriteFloat(2, FloatValue); break;
            case AttributeKind.Int: proto.WriteInt64(3, IntValue); break;
            case AttributeKind.String: proto.WriteBytes(4, System.Text.Encoding.UTF8.GetBytes(StringValue!)); break;
            case AttributeKind.Floats: proto.WritePackedFloat(7, FloatsValue!); break;
            case AttributeKind.Ints: proto.WritePackedInt64(8, IntsValue!); break;
            default: throw new InvalidOperationException($"Unsupported attribute kind {Kind}.");
        }

        proto.WriteInt64(20, (long)Kind);
        return proto;
    }
}
