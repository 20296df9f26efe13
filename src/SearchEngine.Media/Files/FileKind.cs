namespace SearchEngine.Media.Files;

/// <summary>What a directory entry is, from its mode bits.</summary>
public enum FileKind
{
    /// <summary>Nothing is there (or it cannot be looked at).</summary>
    Missing,

    /// <summary>A regular file: the only kind that is indexed or served.</summary>
    Regular,

    /// <summary>A folder.</summary>
    Directory,

    /// <summary>A symbolic link (only seen when links are not followed).</summary>
    SymbolicLink,

    /// <summary>A named pipe (FIFO): opening it waits for a writer, reading it never ends.</summary>
    NamedPipe,

    /// <summary>A character device such as <c>/dev/zero</c>: endless or hardware-backed.</summary>
    CharacterDevice,

    /// <summary>A block device (a disk).</summary>
    BlockDevice,

    /// <summary>A Unix domain socket.</summary>
    Socket,
}
