using System.Buffers.Binary;
using System.Numerics;

namespace SearchEngine.Core.Checksums;

/// <summary>
/// CRC-32C (Castagnoli), the checksum of the vector index file's sections, of stored fingerprints and of the fingerprint
/// index file. <see cref="BitOperations.Crc32C(uint, ulong)"/> uses the CPU's crc32 instruction (SSE4.2, Arm CRC) where
/// there is one and a table otherwise, so it costs far less than the disk read it guards and files stay portable.
/// </summary>
public static class Crc32C
{
    /// <summary>Extends <paramref name="crc"/> (start with 0) over <paramref name="data"/>.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        crc = ~crc;
        while (data.Length >= sizeof(ulong))
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[sizeof(ulong)..];
        }

        foreach (var b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return ~crc;
    }
}
