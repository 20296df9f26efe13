using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;
using SearchEngine.Core;

namespace SearchEngine.Maps;

/// <summary>
/// The map's binary form, on the wire (GET /api/collections/{name}/map) and in the cache file alike; little-endian,
/// columnar so that a page wraps each column in a typed array without copying (docs/map.md):
/// <code>
/// offset size  field
///      0    4  magic "SEMP"
///      4    2  version (1)
///      6    2  flags (0)
///      8    4  count n (uint32)
///     12    4  drift (uint32): documents placed by neighbours or removed since the last full layout
///     16    8  sequence (int64): the change-log sequence the map reflects
///     24   16  bounds: min x, min y, max x, max y (float32)
///     40   8n  document ids (int64)
///   40+8n  8n  coordinates: x, y interleaved (float32), a WebGL vertex buffer as is
///  40+16n   n  modality (uint8): 0 image, 1 audio, 2 video, 3 text
/// </code>
/// 17 bytes a point: 1.7 MB for 100k points.
/// </summary>
public static class MapFormat
{
    /// <summary>Bytes before the first column.</summary>
    public const int HeaderBytes = 40;

    /// <summary>The current version.</summary>
    public const ushort Version = 1;

    private static ReadOnlySpan<byte> Magic => "SEMP"u8;

    /// <summary>Encodes <paramref name="map"/>.</summary>
    public static byte[] Encode(CollectionMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var n = map.Count;
        var bytes = new byte[HeaderBytes + (17 * n)];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], Version);
        BinaryPrimitives.WriteUInt16LittleEndian(span[6..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], (uint)n);
        BinaryPrimitives.WriteUInt32LittleEndian(span[12..], (uint)map.Drift);
        BinaryPrimitives.WriteInt64LittleEndian(span[16..], map.Sequence);
        BinaryPrimitives.WriteSingleLittleEndian(span[24..], map.Bounds.MinX);
        BinaryPrimitives.WriteSingleLittleEndian(span[28..], map.Bounds.MinY);
        BinaryPrimitives.WriteSingleLittleEndian(span[32..], map.Bounds.MaxX);
        BinaryPrimitives.WriteSingleLittleEndian(span[36..], map.Bounds.MaxY);
        var ids = span.Slice(HeaderBytes, 8 * n);
        var coordinates = span.Slice(HeaderBytes + (8 * n), 8 * n);
        var modalities = span.Slice(HeaderBytes + (16 * n), n);
        for (var i = 0; i < n; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(ids[(8 * i)..], map.DocumentIds[i]);
            BinaryPrimitives.WriteSingleLittleEndian(coordinates[(8 * i)..], map.Coordinates[2 * i]);
            BinaryPrimitives.WriteSingleLittleEndian(coordinates[((8 * i) + 4)..], map.Coordinates[(2 * i) + 1]);
            modalities[i] = (byte)map.Modalities[i];
        }

        return bytes;
    }

    /// <summary>Decodes a map; throws <see cref="InvalidDataException"/> when <paramref name="bytes"/> is not one.</summary>
    public static CollectionMap Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderBytes || !bytes[..4].SequenceEqual(Magic))
        {
            throw new InvalidDataException("Not an embedding map (bad magic or too short).");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(bytes[4..]);
        if (version != Version)
        {
            throw new InvalidDataException($"Embedding map version {version} is not supported (expected {Version}).");
        }

        var n = BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]);
        if (n > int.MaxValue / 17 || bytes.Length != HeaderBytes + (17L * n))
        {
            throw new InvalidDataException($"An embedding map of {n} points cannot be {bytes.Length} bytes long.");
        }

        var count = (int)n;
        var drift = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes[12..]);
        var sequence = BinaryPrimitives.ReadInt64LittleEndian(bytes[16..]);
        var ids = new long[count];
        var coordinates = new float[2 * count];
        var modalities = new Modality[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = BinaryPrimitives.ReadInt64LittleEndian(bytes[(HeaderBytes + (8 * i))..]);
        }

        MemoryMarshal.Cast<byte, float>(bytes.Slice(HeaderBytes + (8 * count), 8 * count)).CopyTo(coordinates);
        if (!BitConverter.IsLittleEndian)
        {
            for (var i = 0; i < coordinates.Length; i++)
            {
                coordinates[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(HeaderBytes + (8 * count) + (4 * i))..]);
            }
        }

        for (var i = 0; i < count; i++)
        {
            var modality = bytes[HeaderBytes + (16 * count) + i];
            if (modality > (byte)Modality.Text)
            {
                throw new InvalidDataException($"Point {i} has unknown modality {modality}.");
            }

            modalities[i] = (Modality)modality;
        }

        return new CollectionMap(sequence, drift, ids, coordinates, modalities);
    }

    /// <summary>Gzips encoded bytes (fastest level: the float columns barely compress, the id column does).</summary>
    public static byte[] Gzip(ReadOnlySpan<byte> encoded)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(encoded);
        }

        return output.ToArray();
    }
}
