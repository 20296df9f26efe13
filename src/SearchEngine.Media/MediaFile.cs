namespace SearchEngine.Media;

/// <summary>
/// Checks every decoder makes before reading a file: it exists, is a regular file (never a pipe, device or socket),
/// is not empty and is within the size limit.
/// </summary>
internal static class MediaFile
{
    public static long CheckReadable(string path, long maxBytes)
    {
        FileInfo info;
        try
        {
            info = new FileInfo(path);
        }
        catch (Exception e) when (e is ArgumentException or PathTooLongException or NotSupportedException)
        {
            throw new MediaException(path, MediaStage.Sniff, "it is not a valid file path", e);
        }

        // Before anything opens it: a FIFO blocks the opener and a device such as /dev/zero never ends.
        var kind = Files.FileFacts.Of(path).Kind;
        if (kind is Files.FileKind.Missing)
        {
            throw new MediaException(path, MediaStage.Sniff, "the file does not exist");
        }

        if (kind is not Files.FileKind.Regular)
        {
            throw new MediaException(path, MediaStage.Sniff, $"it is {Files.FileFacts.Describe(kind)}, not a regular file");
        }

        if (info.Length == 0)
        {
            throw new MediaException(path, MediaStage.Sniff, "the file is empty (0 bytes)");
        }

        if (info.Length > maxBytes)
        {
            throw new MediaException(path, MediaStage.Sniff,
                $"the file is {info.Length:N0} bytes, over the limit of {maxBytes:N0} bytes (Media:MaxFileBytes)");
        }

        return info.Length;
    }
}
