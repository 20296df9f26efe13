namespace SearchEngine.QueryApi.Endpoints;

/// <summary>
/// The HTTP content type a document's file is served with, from the type its bytes were sniffed as when it was indexed
/// (never its extension), and whether it must be a download. Served from the API's own origin, an SVG or HTML page
/// would run its scripts with the API's authority; as an attachment (and with <c>nosniff</c>) it cannot.
/// </summary>
/// <param name="ContentType">The Content-Type header.</param>
/// <param name="AsAttachment">Whether to send <c>Content-Disposition: attachment</c>.</param>
internal sealed record ServedMediaType(string ContentType, bool AsAttachment)
{
    private static readonly ServedMediaType Download = new("application/octet-stream", true);

    // Extensions of text that a browser given the file on its own (a download opened later, a misconfigured proxy)
    // could treat as markup or script; text/plain with nosniff is safe in the page, the download is for after.
    private static readonly string[] ActiveTextExtensions =
        [".html", ".htm", ".xhtml", ".xht", ".shtml", ".xml", ".xsl", ".xslt", ".svg", ".svgz", ".js", ".mjs", ".mht", ".mhtml"];

    /// <summary>The served type of a document stored as <paramref name="mediaType"/> (<c>modality/format</c>, null when unknown).</summary>
    public static ServedMediaType Of(string? mediaType, string path)
    {
        if (mediaType is null || mediaType.IndexOf('/', StringComparison.Ordinal) is var slash && slash <= 0)
        {
            return Download;
        }

        var modality = mediaType[..slash];
        var format = mediaType[(slash + 1)..];
        return modality switch
        {
            "text" => new ServedMediaType("text/plain; charset=utf-8", ActiveTextExtensions.Contains(Path.GetExtension(path).ToLowerInvariant())),
            "image" => format switch
            {
                "jpeg" => Inline("image/jpeg"),
                "png" => Inline("image/png"),
                "gif" => Inline("image/gif"),
                "webp" => Inline("image/webp"),
                "bmp" => Inline("image/bmp"),
                "svg" => new ServedMediaType("image/svg+xml", true), // the page shows its sanitized raster thumbnail instead
                _ => Download,
            },
            "audio" => format switch
            {
                "wav" => Inline("audio/wav"),
                "aiff" => Inline("audio/aiff"),
                "flac" => Inline("audio/flac"),
                "mp3" => Inline("audio/mpeg"),
                "aac" => Inline("audio/aac"),
                "m4a" or "mp4" or "mov" => Inline("audio/mp4"),
                "webm" => Inline("audio/webm"),
                "matroska" => Inline("audio/x-matroska"),
                var ogg when ogg.StartsWith("ogg", StringComparison.Ordinal) => Inline("audio/ogg"),
                _ => Download,
            },
            "video" => format switch
            {
                "mp4" => Inline("video/mp4"),
                "mov" => Inline("video/quicktime"),
                "webm" => Inline("video/webm"),
                "matroska" => Inline("video/x-matroska"),
                "avi" => Inline("video/x-msvideo"),
                var ogg when ogg.StartsWith("ogg", StringComparison.Ordinal) => Inline("video/ogg"),
                _ => Download,
            },
            _ => Download,
        };
    }

    private static ServedMediaType Inline(string contentType) => new(contentType, false);
}
