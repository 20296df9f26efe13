namespace SearchEngine.Media;

/// <summary>Checks every decoder makes before reading a file: it exists, is not empty and is within the size limit.</summary>
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
            throw new MediaException(path, MediaStage.Sniff, $"is not a valid file path: {e.Message}", e);
        }

        if (!info.Exists)
        {
            throw new MediaException(path, MediaStage.Sniff, $"the file does not exist ({path})");
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
