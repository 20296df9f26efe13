using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using SearchEngine.Fingerprints;

namespace SearchEngine.Collections;

/// <summary>
/// A serving copy's fingerprint index on disk, beside its HNSW file (<c>&lt;index file&gt;.fp</c>). A header records
/// what the index file records: the origin (database identity, collection id and creation time) and the change-log
/// sequence the index holds, so the loader applies the same checks; then the index's own form
/// (<see cref="FingerprintIndex.WriteTo"/>, which carries its checksum).
/// <code>
/// magic "SEFPIDX1" | int32 version | int64 sequence | int32 origin length | origin (UTF-8) | SHA-256 of all before it | index
/// </code>
/// Written like the index file: a temporary file, flushed to disk, renamed over the target.
/// </summary>
internal static class FingerprintFile
{
    private const int Version = 1;
    private const int MaxOriginBytes = 4096;
    private const int FixedBytes = 8 + sizeof(int) + sizeof(long) + sizeof(int);
    private const int HashBytes = 32;

    private static ReadOnlySpan<byte> Magic => "SEFPIDX1"u8;

    /// <summary>The fingerprint file beside the index file <paramref name="indexPath"/>.</summary>
    public static string PathBeside(string indexPath) => indexPath + ".fp";

    /// <summary>Writes <paramref name="index"/> at <paramref name="sequence"/> atomically to <paramref name="path"/>.</summary>
    public static void Write(FingerprintIndex index, string path, long sequence, string origin)
    {
        var originBytes = Encoding.UTF8.GetBytes(origin);
        if (originBytes.Length > MaxOriginBytes)
        {
            throw new ArgumentException($"The origin is {originBytes.Length} bytes long; at most {MaxOriginBytes} fit the header.", nameof(origin));
        }

        var header = new byte[FixedBytes + originBytes.Length + HashBytes];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), Version);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(12), sequence);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(20), originBytes.Length);
        originBytes.CopyTo(header.AsSpan(FixedBytes));
        SHA256.HashData(header.AsSpan(0, FixedBytes + originBytes.Length), header.AsSpan(FixedBytes + originBytes.Length));

        var temp = $"{path}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                file.Write(header);
                index.WriteTo(file);
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

    /// <summary>Reads what <see cref="Write"/> wrote; throws <see cref="InvalidDataException"/> when the file is damaged.</summary>
    public static (FingerprintIndex Index, long Sequence, string Origin) Read(string path, FingerprintOptions options)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        Span<byte> fixedPart = stackalloc byte[FixedBytes];
        if (file.ReadAtLeast(fixedPart, FixedBytes, throwOnEndOfStream: false) < FixedBytes || !fixedPart[..8].SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{path} is not a fingerprint index file (bad magic or too short).");
        }

        var version = BinaryPrimitives.ReadInt32LittleEndian(fixedPart[8..]);
        var originLength = BinaryPrimitives.ReadInt32LittleEndian(fixedPart[20..]);
        if (version != Version || originLength is < 0 or > MaxOriginBytes)
        {
            throw new InvalidDataException($"{path}: format version {version} with a {originLength}-byte origin is not one this build reads (version {Version}).");
        }

        var header = new byte[FixedBytes + originLength + HashBytes];
        fixedPart.CopyTo(header);
        if (file.ReadAtLeast(header.AsSpan(FixedBytes), header.Length - FixedBytes, throwOnEndOfStream: false) < header.Length - FixedBytes)
        {
            throw new InvalidDataException($"{path} is truncated inside its header.");
        }

        Span<byte> hash = stackalloc byte[HashBytes];
        SHA256.HashData(header.AsSpan(0, FixedBytes + originLength), hash);
        if (!hash.SequenceEqual(header.AsSpan(FixedBytes + originLength)))
        {
            throw new InvalidDataException($"{path}: header checksum mismatch.");
        }

        var sequence = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(12));
        var origin = Encoding.UTF8.GetString(header, FixedBytes, originLength);
        return (FingerprintIndex.ReadFrom(file, options), sequence, origin);
    }
}
