using System.Runtime.InteropServices;

namespace SearchEngine.Media.Files;

/// <summary>
/// The two libc calls .NET has no API for: the type of a file without opening it (opening a FIFO blocks until a writer
/// comes; .NET's file APIs only tell files from folders), and the final target of a path with every symlink resolved.
/// </summary>
internal static partial class NativeMethods
{
    public const int AtFdCwd = -100;
    public const int AtSymlinkNoFollow = 0x100;
    public const uint StatxBasicStats = 0x7FF;

    // statx, unlike stat, has one struct layout on every architecture, so the offsets below hold everywhere.
    public const int StatxBufferSize = 256;
    public const int StatxModeOffset = 28;
    public const int StatxSizeOffset = 40;
    public const int StatxMtimeOffset = 112;

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Statx(int directory, string path, int flags, uint mask, Span<byte> buffer);

    [LibraryImport("libc", EntryPoint = "realpath", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint RealPath(string path, nint resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    public static partial void Free(nint pointer);
}
