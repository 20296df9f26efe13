using System.Buffers.Binary;
using System.Runtime.InteropServices;
using SearchEngine.Core.Checksums;
using SearchEngine.Core.Vectors;

namespace SearchEngine.Index;

/// <summary>
/// Reads and writes the index file, format version 2 (documented in FORMAT.md next to this file): a fixed header with the
/// build parameters, counts, entry point and last sequence; a section table with a CRC-32C per section and one over the
/// header; then the sections. Saving writes a temporary file, flushes it to disk and renames it over the target, so a
/// crash leaves either the old file or the new one. Any inconsistency on load raises <see cref="InvalidDataException"/>.
/// </summary>
internal static unsafe class IndexFile
{
    /// <summary>File magic, "SEHNSWIX".</summary>
    public static ReadOnlySpan<byte> Magic => "SEHNSWIX"u8;

    /// <summary>Current format version.</summary>
    public const int Version = 2;

    private const int FixedHeaderBytes = 88;
    private const int SectionEntryBytes = 24;
    private const int MaxLevel = 30;

    private enum Section
    {
        Labels = 1,
        Flags = 2,
        Levels = 3,
        Scales = 4,
        Vectors = 5,
        Layer0 = 6,
        Upper = 7,
        Origin = 8,
    }

    /// <summary>Writes <paramref name="graph"/> atomically to <paramref name="path"/>.</summary>
    public static void Write(HnswGraph graph, string path, long lastSequence, string origin)
    {
        var n = graph.NodeCount;
        var sections = new List<Section> { Section.Labels, Section.Flags, Section.Levels };
        if (graph.Quantizer is not null)
        {
            sections.Add(Section.Scales);
        }
        sections.AddRange([Section.Vectors, Section.Layer0, Section.Upper, Section.Origin]);
        var headerBytes = FixedHeaderBytes + (sections.Count * SectionEntryBytes) + sizeof(uint);
        var table = new (Section Kind, uint Crc, long Offset, long Length)[sections.Count];
        var temp = $"{path}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                file.Write(new byte[headerBytes]);
                for (var s = 0; s < sections.Count; s++)
                {
                    var offset = file.Position;
                    var writer = new SectionWriter(file);
                    WriteSection(graph, sections[s], n, origin, ref writer);
                    table[s] = (sections[s], writer.Crc, offset, file.Position - offset);
                }
                var header = new byte[headerBytes];
                var live = 0;
                var maxId = long.MinValue;
                for (var node = 0; node < n; node++)
                {
                    if (!graph.IsDeleted(node))
                    {
                        live++;
                        maxId = Math.Max(maxId, graph.Label(node));
                    }
                }
                Magic.CopyTo(header);
                var h = header.AsSpan();
                BinaryPrimitives.WriteInt32LittleEndian(h[8..], Version);
                BinaryPrimitives.WriteInt32LittleEndian(h[12..], (int)graph.Metric);
                BinaryPrimitives.WriteInt32LittleEndian(h[16..], graph.Dimension);
                BinaryPrimitives.WriteInt32LittleEndian(h[20..], graph.M);
                BinaryPrimitives.WriteInt32LittleEndian(h[24..], graph.Options.EfConstruction);
                BinaryPrimitives.WriteInt32LittleEndian(h[28..], (graph.Quantizer is null ? 0 : 1) | (graph.Options.KeepPrunedConnections ? 2 : 0));
                BinaryPrimitives.WriteInt32LittleEndian(h[32..], n);
                BinaryPrimitives.WriteInt32LittleEndian(h[36..], live);
                BinaryPrimitives.WriteInt32LittleEndian(h[40..], graph.EntryNode);
                BinaryPrimitives.WriteInt32LittleEndian(h[44..], graph.EntryNode < 0 ? 0 : graph.MaxLevel);
                BinaryPrimitives.WriteInt64LittleEndian(h[48..], lastSequence);
                BinaryPrimitives.WriteInt64LittleEndian(h[56..], maxId);
                BinaryPrimitives.WriteInt32LittleEndian(h[64..], graph.Options.DefaultEf);
                BinaryPrimitives.WriteInt32LittleEndian(h[68..], graph.Options.Seed);
                BinaryPrimitives.WriteDoubleLittleEndian(h[72..], graph.Options.ExactScanSelectivity);
                BinaryPrimitives.WriteInt32LittleEndian(h[80..], sections.Count);
                for (var s = 0; s < table.Length; s++)
                {
                    var e = h[(FixedHeaderBytes + (s * SectionEntryBytes))..];
                    BinaryPrimitives.WriteInt32LittleEndian(e, (int)table[s].Kind);
                    BinaryPrimitives.WriteUInt32LittleEndian(e[4..], table[s].Crc);
                    BinaryPrimitives.WriteInt64LittleEndian(e[8..], table[s].Offset);
                    BinaryPrimitives.WriteInt64LittleEndian(e[16..], table[s].Length);
                }
                BinaryPrimitives.WriteUInt32LittleEndian(h[(headerBytes - 4)..], Crc32C.Append(0, h[..(headerBytes - 4)]));
                file.Position = 0;
                file.Write(header);
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private static void WriteSection(HnswGraph graph, Section kind, int n, string origin, ref SectionWriter writer)
    {
        Span<byte> one = stackalloc byte[8];
        switch (kind)
        {
            case Section.Labels:
                for (var node = 0; node < n; node++)
                {
                    BinaryPrimitives.WriteInt64LittleEndian(one, graph.Label(node));
                    writer.Write(one);
                }
                break;
            case Section.Flags:
                for (var node = 0; node < n; node++)
                {
                    one[0] = graph.IsDeleted(node) ? (byte)1 : (byte)0;
                    writer.Write(one[..1]);
                }
                break;
            case Section.Levels:
                for (var node = 0; node < n; node++)
                {
                    one[0] = (byte)graph.Level(node);
                    writer.Write(one[..1]);
                }
                break;
            case Section.Scales:
                writer.Write(MemoryMarshal.AsBytes(graph.Quantizer!.Scales));
                break;
            case Section.Vectors:
                for (var node = 0; node < n; node++)
                {
                    writer.Write(new ReadOnlySpan<byte>(graph.FloatRow(node), graph.Dimension * sizeof(float)));
                }
                break;
            case Section.Layer0:
                for (var node = 0; node < n; node++)
                {
                    writer.Write(new ReadOnlySpan<byte>(graph.Links(node, 0), (1 + graph.M0) * sizeof(int)));
                }
                break;
            case Section.Upper:
                for (var node = 0; node < n; node++)
                {
                    var level = graph.Level(node);
                    if (level > 0)
                    {
                        writer.Write(new ReadOnlySpan<byte>(graph.Links(node, 1), level * (1 + graph.M) * sizeof(int)));
                    }
                }
                break;
            case Section.Origin:
                writer.Write(System.Text.Encoding.UTF8.GetBytes(origin));
                break;
            default:
                throw new InvalidOperationException($"unknown section {kind}");
        }
    }

    /// <summary>Reads a file written by <see cref="Write"/>; returns the graph, the last sequence it holds and its origin.</summary>
    public static (HnswGraph Graph, long LastSequence, string Origin) Read(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        var length = file.Length;
        var fixedHeader = new byte[FixedHeaderBytes];
        ReadHeaderBytes(file, fixedHeader, path, length);
        var h = (ReadOnlySpan<byte>)fixedHeader;
        if (!h[..8].SequenceEqual(Magic))
        {
            throw Damaged(path, "not an index file (bad magic)");
        }
        var version = BinaryPrimitives.ReadInt32LittleEndian(h[8..]);
        if (version != Version)
        {
            throw Damaged(path, $"format version {version} is not supported (expected {Version})");
        }
        var sectionCount = BinaryPrimitives.ReadInt32LittleEndian(h[80..]);
        if (sectionCount is < 1 or > 16)
        {
            throw Damaged(path, $"section count {sectionCount} out of range");
        }
        var headerBytes = FixedHeaderBytes + (sectionCount * SectionEntryBytes) + sizeof(uint);
        var header = new byte[headerBytes];
        file.Position = 0;
        ReadHeaderBytes(file, header, path, length);
        h = header;
        if (Crc32C.Append(0, h[..(headerBytes - 4)]) != BinaryPrimitives.ReadUInt32LittleEndian(h[(headerBytes - 4)..]))
        {
            throw Damaged(path, "header checksum mismatch");
        }
        var metric = (DistanceMetric)BinaryPrimitives.ReadInt32LittleEndian(h[12..]);
        var dimension = BinaryPrimitives.ReadInt32LittleEndian(h[16..]);
        var m = BinaryPrimitives.ReadInt32LittleEndian(h[20..]);
        var flags = BinaryPrimitives.ReadInt32LittleEndian(h[28..]);
        var n = BinaryPrimitives.ReadInt32LittleEndian(h[32..]);
        var entry = BinaryPrimitives.ReadInt32LittleEndian(h[40..]);
        var maxLevel = BinaryPrimitives.ReadInt32LittleEndian(h[44..]);
        var lastSequence = BinaryPrimitives.ReadInt64LittleEndian(h[48..]);
        if (dimension < 1 || dimension > 1 << 16 || m < 2 || m > 256 || n < 0 || entry < -1 || entry >= Math.Max(n, 1) ||
            (n > 0 && entry < 0) || maxLevel is < 0 or > MaxLevel)
        {
            throw Damaged(path, "header values out of range");
        }
        var table = new Dictionary<Section, (uint Crc, long Offset, long Length)>();
        for (var s = 0; s < sectionCount; s++)
        {
            var e = h[(FixedHeaderBytes + (s * SectionEntryBytes))..];
            var offset = BinaryPrimitives.ReadInt64LittleEndian(e[8..]);
            var size = BinaryPrimitives.ReadInt64LittleEndian(e[16..]);
            if (offset < headerBytes || size < 0 || offset > length || size > length - offset)
            {
                throw Damaged(path, $"section {s} lies beyond the end of the file ({length} bytes): the file is truncated");
            }
            table[(Section)BinaryPrimitives.ReadInt32LittleEndian(e)] = (BinaryPrimitives.ReadUInt32LittleEndian(e[4..]), offset, size);
        }

        ScalarQuantizer? quantizer = null;
        if ((flags & 1) != 0)
        {
            var scales = new float[dimension];
            ReadWhole(file, path, table, Section.Scales, MemoryMarshal.AsBytes(scales.AsSpan()));
            try
            {
                quantizer = ScalarQuantizer.FromScales(scales);
            }
            catch (ArgumentException e)
            {
                throw Damaged(path, e.Message);
            }
        }
        var options = new HnswOptions
        {
            Dimension = dimension,
            Metric = metric,
            M = m,
            EfConstruction = Math.Max(1, BinaryPrimitives.ReadInt32LittleEndian(h[24..])),
            DefaultEf = Math.Max(1, BinaryPrimitives.ReadInt32LittleEndian(h[64..])),
            Seed = BinaryPrimitives.ReadInt32LittleEndian(h[68..]),
            ExactScanSelectivity = BinaryPrimitives.ReadDoubleLittleEndian(h[72..]),
            KeepPrunedConnections = (flags & 2) != 0,
            Quantizer = quantizer,
        };
        var labels = new long[n];
        var deleted = new byte[n];
        var levels = new byte[n];
        ReadWhole(file, path, table, Section.Labels, MemoryMarshal.AsBytes(labels.AsSpan()));
        ReadWhole(file, path, table, Section.Flags, deleted);
        ReadWhole(file, path, table, Section.Levels, levels);
        long upperInts = 0;
        foreach (var level in levels)
        {
            if (level > MaxLevel)
            {
                throw Damaged(path, $"node level {level} out of range");
            }
            upperInts += level * (1 + m);
        }
        if (n > 0 && levels[entry] != maxLevel)
        {
            throw Damaged(path, "entry point level does not match the header");
        }

        HnswGraph graph;
        try
        {
            graph = new HnswGraph(options);
        }
        catch (ArgumentException e)
        {
            throw Damaged(path, e.Message);
        }
        try
        {
            var row = new float[dimension];
            var reader = Open(file, path, table, Section.Vectors, (long)n * dimension * sizeof(float));
            for (var node = 0; node < n; node++)
            {
                reader.Read(MemoryMarshal.AsBytes(row.AsSpan()));
                graph.Allocate(labels[node], row, levels[node]);
                if (deleted[node] != 0)
                {
                    graph.MarkDeleted(node);
                }
            }
            reader.Finish();
            reader = Open(file, path, table, Section.Layer0, (long)n * (1 + graph.M0) * sizeof(int));
            for (var node = 0; node < n; node++)
            {
                var links = graph.Links(node, 0);
                reader.Read(new Span<byte>(links, (1 + graph.M0) * sizeof(int)));
                CheckLinks(path, links, graph.M0, n);
            }
            reader.Finish();
            reader = Open(file, path, table, Section.Upper, upperInts * sizeof(int));
            for (var node = 0; node < n; node++)
            {
                for (var layer = 1; layer <= levels[node]; layer++)
                {
                    var links = graph.Links(node, layer);
                    reader.Read(new Span<byte>(links, (1 + m) * sizeof(int)));
                    CheckLinks(path, links, m, n);
                }
            }
            reader.Finish();
            graph.SetEntry(entry, maxLevel);
            return (graph, lastSequence, ReadOrigin(file, path, table));
        }
        catch
        {
            graph.Dispose();
            throw;
        }
    }

    private static string ReadOrigin(FileStream file, string path, Dictionary<Section, (uint Crc, long Offset, long Length)> table)
    {
        if (!table.TryGetValue(Section.Origin, out var entry) || entry.Length > 4096)
        {
            throw Damaged(path, "the origin section is missing or longer than 4 KiB");
        }
        var bytes = new byte[entry.Length];
        ReadWhole(file, path, table, Section.Origin, bytes);
        return System.Text.Encoding.UTF8.GetString(bytes);
    }

    private static void CheckLinks(string path, int* links, int max, int n)
    {
        var count = links[0];
        if (count < 0 || count > max)
        {
            throw Damaged(path, $"link count {count} out of range");
        }
        for (var i = 1; i <= count; i++)
        {
            if ((uint)links[i] >= (uint)n)
            {
                throw Damaged(path, $"link to node {links[i]} beyond the {n} nodes");
            }
        }
    }

    private static void ReadHeaderBytes(FileStream file, byte[] buffer, string path, long length)
    {
        if (length < buffer.Length)
        {
            throw Damaged(path, $"file is {length} bytes, shorter than its header: the file is truncated");
        }
        file.ReadExactly(buffer);
    }

    private static void ReadWhole(FileStream file, string path, Dictionary<Section, (uint, long, long)> table, Section kind, Span<byte> target)
    {
        var reader = Open(file, path, table, kind, target.Length);
        reader.Read(target);
        reader.Finish();
    }

    private static SectionReader Open(FileStream file, string path, Dictionary<Section, (uint Crc, long Offset, long Length)> table,
        Section kind, long expectedLength)
    {
        if (!table.TryGetValue(kind, out var entry))
        {
            throw Damaged(path, $"section {kind} is missing");
        }
        if (entry.Length != expectedLength)
        {
            throw Damaged(path, $"section {kind} holds {entry.Length} bytes, the header implies {expectedLength}");
        }
        file.Position = entry.Offset;
        return new SectionReader(file, path, kind, entry.Crc);
    }

    private static InvalidDataException Damaged(string path, string reason) =>
        new($"vector index file '{path}' is damaged or incompatible: {reason}");

    /// <summary>Streams one section out, checksumming as it goes.</summary>
    private struct SectionWriter(FileStream file)
    {
        public uint Crc { get; private set; }

        public void Write(ReadOnlySpan<byte> bytes)
        {
            Crc = Crc32C.Append(Crc, bytes);
            file.Write(bytes);
        }
    }

    /// <summary>Streams one section in, checksumming as it goes; <see cref="Finish"/> compares the checksum.</summary>
    private struct SectionReader(FileStream file, string path, Section kind, uint expected)
    {
        private uint _crc;

        public void Read(Span<byte> target)
        {
            try
            {
                file.ReadExactly(target);
            }
            catch (EndOfStreamException)
            {
                throw Damaged(path, $"section {kind} ends early: the file is truncated");
            }
            _crc = Crc32C.Append(_crc, target);
        }

        public readonly void Finish()
        {
            if (_crc != expected)
            {
                throw Damaged(path, $"section {kind} checksum mismatch");
            }
        }
    }
}
