using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace SearchEngine.Embeddings.Onnx;

/// <summary>
/// Encodes protobuf wire format by hand: varints, fixed 32-bit floats and length-delimited fields. ONNX models are
/// protobuf messages; writing the few message types a model needs directly keeps the writer exact and dependency-free.
/// </summary>
internal sealed class ProtobufWriter
{
    private const int WireVarint = 0;
    private const int WireFixed32 = 5;
    private const int WireLengthDelimited = 2;

    private readonly ArrayBufferWriter<byte> _buffer = new();

    /// <summary>The encoded message.</summary>
    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    /// <summary>Writes an int64 (or int32, enum, bool) field as a varint; negative values take ten bytes as protobuf requires.</summary>
    public void WriteInt64(int field, long value)
    {
        WriteTag(field, WireVarint);
        WriteVarint(unchecked((ulong)value));
    }

    /// <summary>Writes a float field (fixed 32-bit, little-endian).</summary>
    public void WriteFloat(int field, float value)
    {
        WriteTag(field, WireFixed32);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        _buffer.Write<byte>(bytes);
    }

    /// <summary>Writes a UTF-8 string field; null writes nothing (proto3 default).</summary>
    public void WriteString(int field, string? value)
    {
        if (value is null)
        {
            return;
        }

        WriteBytes(field, Encoding.UTF8.GetBytes(value));
    }

    /// <summary>Writes a bytes field.</summary>
    public void WriteBytes(int field, ReadOnlySpan<byte> value)
    {
        WriteTag(field, WireLengthDelimited);
        WriteVarint((ulong)value.Length);
        _buffer.Write(value);
    }

    /// <summary>Writes an embedded message field.</summary>
    public void WriteMessage(int field, ProtobufWriter message) => WriteBytes(field, message._buffer.WrittenSpan);

    /// <summary>Writes a repeated int64 field in packed form.</summary>
    public void WritePackedInt64(int field, IReadOnlyList<long> values)
    {
        var packed = new ProtobufWriter();
        foreach (var value in values)
        {
            packed.WriteVarint(unchecked((ulong)value));
        }

        WriteMessage(field, packed);
    }

    /// <summary>Writes a repeated float field in packed form.</summary>
    public void WritePackedFloat(int field, IReadOnlyList<float> values)
    {
        var bytes = new byte[values.Count * 4];
        for (var i = 0; i < values.Count; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        }

        WriteBytes(field, bytes);
    }

    private void WriteTag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.Write([(byte)(value | 0x80)]);
            value >>= 7;
        }

        _buffer.Write([(byte)value]);
    }
}
