using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Npgsql;

namespace SearchEngine.Storage.Segments;

/// <summary>
/// The stored form of a vector: float32 little-endian, 4 bytes per value, in a bytea column. On little-endian hosts
/// (every platform .NET runs on today) both directions are a reinterpretation of the same bytes.
/// </summary>
internal static class VectorBytes
{
    public static int ByteLength(int dimension) => checked(dimension * sizeof(float));

    public static void Encode(ReadOnlySpan<float> vector, Span<byte> destination)
    {
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(vector).CopyTo(destination);
            return;
        }

        for (var i = 0; i < vector.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(destination[(i * sizeof(float))..], vector[i]);
        }
    }

    /// <summary>The floats in <paramref name="bytes"/>; on little-endian hosts a view over the same memory, else decoded into <paramref name="scratch"/>.</summary>
    public static ReadOnlySpan<float> View(ReadOnlySpan<byte> bytes, Span<float> scratch)
    {
        if (BitConverter.IsLittleEndian)
        {
            return MemoryMarshal.Cast<byte, float>(bytes);
        }

        var count = bytes.Length / sizeof(float);
        for (var i = 0; i < count; i++)
        {
            scratch[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * sizeof(float))..]);
        }

        return scratch[..count];
    }

    /// <summary>Reads the bytea column <paramref name="ordinal"/> of the current (buffered) row straight into a new float array.</summary>
    public static float[] Read(NpgsqlDataReader reader, int ordinal)
    {
        var length = (int)reader.GetBytes(ordinal, 0, null, 0, 0);
        var vector = new float[length / sizeof(float)];
        var bytes = MemoryMarshal.AsBytes(vector.AsSpan());
        using (var stream = reader.GetStream(ordinal))
        {
            stream.ReadExactly(bytes);
        }

        if (!BitConverter.IsLittleEndian)
        {
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * sizeof(float))..]);
            }
        }

        return vector;
    }
}
