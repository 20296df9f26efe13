using System.Buffers.Binary;
using System.Runtime.InteropServices;
using SearchEngine.Core.Checksums;

namespace SearchEngine.Fingerprints;

public sealed partial class FingerprintIndex
{
    // File layout (little-endian): magic, hash bits, frame seconds, next start, span count; per live span its document
    // id, start, frames, duration and postings; then per non-empty bucket its hash, length and postings, ended by
    // uint.MaxValue; then the CRC-32C of everything before it.
    private static ReadOnlySpan<byte> FileMagic => "SEFPIDX1"u8;
    private const uint EndOfBuckets = uint.MaxValue;

    /// <summary>Writes the whole index (with a checksum) to <paramref name="stream"/>; removed documents are left out.</summary>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _lock.EnterReadLock();
        try
        {
            using var crc = new Crc32CStream(stream);
            using (var writer = new BinaryWriter(crc, System.Text.Encoding.UTF8, leaveOpen: true))
            {
                writer.Write(FileMagic);
                writer.Write(LandmarkHash.Bits);
                writer.Write(_frameSeconds);
                writer.Write(_nextStart);
                writer.Write(_live.Count);
                foreach (var span in _spans)
                {
                    if (span.Live)
                    {
                        writer.Write(span.DocumentId);
                        writer.Write(span.Start);
                        writer.Write(span.Frames);
                        writer.Write(span.DurationSeconds);
                        writer.Write(span.Postings);
                    }
                }

                var kept = new uint[1024];
                for (var h = 0; h < BucketCount; h++)
                {
                    var length = _lengths[h];
                    if (length == 0)
                    {
                        continue;
                    }

                    var postings = _buckets[h]!.AsSpan(0, length);
                    if (_deadPostings > 0)
                    {
                        if (kept.Length < length)
                        {
                            kept = new uint[length];
                        }

                        var count = 0;
                        foreach (var posting in postings)
                        {
                            if (SpanOf(posting) is { Live: true })
                            {
                                kept[count++] = posting;
                            }
                        }

                        postings = kept.AsSpan(0, count);
                    }

                    if (postings.Length == 0)
                    {
                        continue;
                    }

                    writer.Write((uint)h);
                    writer.Write(postings.Length);
                    writer.Write(MemoryMarshal.AsBytes(postings));
                }

                writer.Write(EndOfBuckets);
            }

            Span<byte> checksum = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(checksum, crc.Crc);
            stream.Write(checksum);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Reads what <see cref="WriteTo"/> wrote; throws <see cref="InvalidDataException"/> when it is damaged.</summary>
    public static FingerprintIndex ReadFrom(Stream stream) => ReadFrom(stream, new FingerprintOptions());

    /// <summary>Reads what <see cref="WriteTo"/> wrote into an index that matches with <paramref name="options"/>; throws <see cref="InvalidDataException"/> when it is damaged.</summary>
    public static FingerprintIndex ReadFrom(Stream stream, FingerprintOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var index = new FingerprintIndex(options);
        try
        {
            index.Load(stream);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("The fingerprint index file is truncated.", e);
        }

        return index;
    }

    private void Load(Stream stream)
    {
        var crc = new Crc32CStream(stream);
        using var reader = new BinaryReader(crc, System.Text.Encoding.UTF8, leaveOpen: true);
        if (!reader.ReadBytes(FileMagic.Length).AsSpan().SequenceEqual(FileMagic))
        {
            throw new InvalidDataException("Not a fingerprint index file.");
        }

        if (reader.ReadInt32() != LandmarkHash.Bits)
        {
            throw new InvalidDataException("The fingerprint index file uses another hash layout.");
        }

        _frameSeconds = reader.ReadDouble();
        _nextStart = reader.ReadUInt32();
        var spanCount = reader.ReadInt32();
        if (spanCount < 0 || _nextStart < FirstStart || (spanCount > 0 && !(_frameSeconds > 0)))
        {
            throw new InvalidDataException("The fingerprint index file's header is damaged.");
        }

        var previousEnd = (ulong)FirstStart;
        for (var i = 0; i < spanCount; i++)
        {
            var span = new DocumentSpan(reader.ReadInt64(), reader.ReadUInt32(), reader.ReadInt32(), reader.ReadDouble(), reader.ReadInt32());
            if (span.Start < previousEnd || span.Frames < 0 || span.Postings < 0 || (ulong)span.Start + (ulong)span.Frames > _nextStart || !_live.TryAdd(span.DocumentId, span))
            {
                throw new InvalidDataException("The fingerprint index file's document table is damaged.");
            }

            _spans.Add(span);
            _livePostings += span.Postings;
            previousEnd = (ulong)span.Start + (ulong)span.Frames;
        }

        var previous = -1L;
        long postings = 0;
        while (true)
        {
            var hash = reader.ReadUInt32();
            if (hash == EndOfBuckets)
            {
                break;
            }

            var length = reader.ReadInt32();
            if (hash >= BucketCount || hash <= previous || length <= 0 || postings + length > _livePostings)
            {
                throw new InvalidDataException("The fingerprint index file's postings are damaged.");
            }

            var bucket = new uint[length];
            reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(bucket.AsSpan()));
            _buckets[hash] = bucket;
            _lengths[hash] = length;
            postings += length;
            previous = hash;
        }

        var computed = crc.Crc;
        Span<byte> checksum = stackalloc byte[4];
        stream.ReadExactly(checksum);
        if (BinaryPrimitives.ReadUInt32LittleEndian(checksum) != computed || postings != _livePostings)
        {
            throw new InvalidDataException("The fingerprint index file is damaged: its checksum does not match.");
        }
    }
}
