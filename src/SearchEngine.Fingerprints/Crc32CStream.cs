using SearchEngine.Core.Checksums;

namespace SearchEngine.Fingerprints;

/// <summary>
/// Passes reads or writes through to another stream and keeps the CRC-32C of every byte that went by, so the index file
/// is checksummed in one pass without holding it in memory.
/// </summary>
internal sealed class Crc32CStream(Stream inner) : Stream
{
    /// <summary>The CRC-32C of the bytes read or written so far.</summary>
    public uint Crc { get; private set; }

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Crc = Crc32C.Append(Crc, buffer[..read]);
        return read;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Crc = Crc32C.Append(Crc, buffer);
        inner.Write(buffer);
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
