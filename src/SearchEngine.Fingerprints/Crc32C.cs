using System.Runtime.Intrinsics.X86;

namespace SearchEngine.Fingerprints;

/// <summary>
/// CRC-32C (Castagnoli), the checksum of stored fingerprints and of the index file: the SSE4.2 crc32 instruction makes it cost far less than
/// the disk read it guards, and a table-driven fallback keeps files portable to CPUs without it.
/// </summary>
internal static class Crc32C
{
    private const uint Polynomial = 0x82F63B78u;
    private static readonly uint[] Table = BuildTable();

    /// <summary>Extends <paramref name="crc"/> (start with 0) over <paramref name="data"/>.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        crc = ~crc;
        var i = 0;
        if (Sse42.X64.IsSupported)
        {
            ulong c = crc;
            for (; i <= data.Length - 8; i += 8)
            {
                c = Sse42.X64.Crc32(c, BitConverter.ToUInt64(data.Slice(i, 8)));
            }
            crc = (uint)c;
        }
        for (; i < data.Length; i++)
        {
            crc = Table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
        }
        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? Polynomial ^ (c >> 1) : c >> 1;
            }
            table[n] = c;
        }
        return table;
    }
}
