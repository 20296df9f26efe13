using System.Buffers;
using System.Text;
using SearchEngine.Core;

namespace SearchEngine.Media.Sniffing;

/// <summary>
/// Recognises a file's content type from its bytes (magic numbers, container headers, an SVG root element), not its
/// name, so a PNG named <c>.jpg</c> is an image and a text file named <c>.jpg</c> is text. Reads at most
/// <see cref="HeadBytes"/> bytes from the start of the file.
/// </summary>
public static class MediaSniffer
{
    /// <summary>How much of a file's start is read to recognise it.</summary>
    public const int HeadBytes = 64 * 1024;

    /// <summary>Recognises the content of the file at <paramref name="path"/>; throws <see cref="MediaException"/> when it cannot be read.</summary>
    public static ContentType Sniff(string path)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(HeadBytes);
        try
        {
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
                var length = stream.ReadAtLeast(buffer.AsSpan(0, HeadBytes), HeadBytes, throwOnEndOfStream: false);
                var head = buffer.AsSpan(0, length);
                if (StartsWith(head, 0, "ID3") && Id3Tag.End(head) is var tagEnd && tagEnd >= 0 && tagEnd + Id3Tag.FramesBytes > length)
                {
                    // A large tag (cover art) hides the frames beyond the head: read them where the tag ends.
                    stream.Position = Math.Min(tagEnd, stream.Length);
                    var frames = stream.ReadAtLeast(buffer.AsSpan(0, Id3Tag.FramesBytes), Id3Tag.FramesBytes, throwOnEndOfStream: false);
                    return Id3Tag.MatchAfter(buffer.AsSpan(0, frames));
                }

                return Sniff(head, Path.GetExtension(path));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The exception's message names the path; the reason may reach a web client, so it stays generic.
                throw new MediaException(path, MediaStage.Sniff, "the file cannot be read", e);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Recognises content from the first bytes of a file (up to <see cref="HeadBytes"/>); <paramref name="extension"/>
    /// (with or without the dot) only tells .json and .srt apart from plain text when the content leaves it open.
    /// </summary>
    public static ContentType Sniff(ReadOnlySpan<byte> head, string? extension = null)
    {
        if (head.IsEmpty)
        {
            return ContentType.Unsupported("an empty file", "the file is empty (0 bytes)");
        }

        return ImageSignatures.Match(head)
            ?? ContainerSignatures.Match(head)
            ?? OtherSignatures.Match(head)
            ?? SvgSignature.Match(head) // SVG is text too: it must be claimed before the text sniffer sees it
            ?? TextSniffer.Match(head, extension)
            ?? ContentType.Unsupported("binary data of an unknown format",
                "the content is not a supported image, audio, video or text format (unknown binary data)");
    }

    internal static bool StartsWith(ReadOnlySpan<byte> head, int offset, string ascii)
    {
        if (head.Length < offset + ascii.Length)
        {
            return false;
        }

        for (var i = 0; i < ascii.Length; i++)
        {
            if (head[offset + i] != (byte)ascii[i])
            {
                return false;
            }
        }

        return true;
    }

    internal static int IndexOf(ReadOnlySpan<byte> head, string ascii, int from = 0)
    {
        Span<byte> needle = stackalloc byte[ascii.Length];
        Encoding.Latin1.GetBytes(ascii, needle);
        if (from >= head.Length)
        {
            return -1;
        }

        var index = head[from..].IndexOf(needle);
        return index < 0 ? -1 : index + from;
    }

    internal static ContentType Image(string format) => ContentType.Of(Modality.Image, format);

    internal static ContentType Audio(string format) => ContentType.Of(Modality.Audio, format);

    internal static ContentType Video(string format) => ContentType.Of(Modality.Video, format);
}
