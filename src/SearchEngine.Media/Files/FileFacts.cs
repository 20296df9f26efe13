using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace SearchEngine.Media.Files;

/// <summary>A file's kind, size and modification time, read from its inode without opening it.</summary>
/// <param name="Kind">What the entry is.</param>
/// <param name="Size">Its size in bytes (0 unless regular).</param>
/// <param name="ModifiedAt">Its last modification, to the microsecond (what PostgreSQL keeps).</param>
public sealed record FileFacts(FileKind Kind, long Size, DateTimeOffset ModifiedAt)
{
    /// <summary>The facts of <paramref name="path"/>; <paramref name="followLinks"/> false describes a symlink itself.</summary>
    public static FileFacts Of(string path, bool followLinks = true)
    {
        ArgumentNullException.ThrowIfNull(path);
        Span<byte> buffer = stackalloc byte[NativeMethods.StatxBufferSize];
        if (path.Length == 0 || path.Contains('\0', StringComparison.Ordinal)
            || NativeMethods.Statx(NativeMethods.AtFdCwd, path, followLinks ? 0 : NativeMethods.AtSymlinkNoFollow, NativeMethods.StatxBasicStats, buffer) != 0)
        {
            return new FileFacts(FileKind.Missing, 0, default);
        }

        var mode = BinaryPrimitives.ReadUInt16LittleEndian(buffer[NativeMethods.StatxModeOffset..]);
        var size = BinaryPrimitives.ReadInt64LittleEndian(buffer[NativeMethods.StatxSizeOffset..]);
        var seconds = BinaryPrimitives.ReadInt64LittleEndian(buffer[NativeMethods.StatxMtimeOffset..]);
        var nanoseconds = BinaryPrimitives.ReadUInt32LittleEndian(buffer[(NativeMethods.StatxMtimeOffset + 8)..]);
        var modified = DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(nanoseconds / 1000 * 10);
        var kind = (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            0x1000 => FileKind.NamedPipe,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            _ => FileKind.Missing,
        };
        return new FileFacts(kind, kind == FileKind.Regular ? size : 0, modified);
    }

    /// <summary>
    /// The final target of <paramref name="path"/>: absolute, every symlink of every component followed to its end and
    /// every <c>..</c> applied to what it really names; null when the path or a link on the way does not exist.
    /// </summary>
    public static string? FinalTarget(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || path.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        var resolved = NativeMethods.RealPath(Path.GetFullPath(path), 0);
        if (resolved == 0)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            NativeMethods.Free(resolved);
        }
    }

    /// <summary>The kind as a phrase for error messages ("a named pipe (FIFO)").</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Regular => "a regular file",
        FileKind.Directory => "a folder",
        FileKind.SymbolicLink => "a symbolic link",
        FileKind.NamedPipe => "a named pipe (FIFO)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        _ => "missing",
    };
}
