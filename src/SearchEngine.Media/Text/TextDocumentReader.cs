using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SearchEngine.Media.Sniffing;

namespace SearchEngine.Media.Text;

/// <summary>
/// Reads plain text (UTF-8 with or without a byte-order mark, or UTF-16 with one), JSON sidecar metadata and SRT/WebVTT
/// subtitles into a <see cref="TextDocument"/> for the text tower.
/// </summary>
public sealed class TextDocumentReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly MediaOptions _options;

    /// <summary>Uses the text size limit from <paramref name="options"/>.</summary>
    public TextDocumentReader(IOptions<MediaOptions> options) => _options = options.Value;

    /// <summary>
    /// Reads <paramref name="path"/>; the format comes from its content (see <see cref="MediaSniffer"/>). Throws
    /// <see cref="MediaException"/> for files that are not text, too large, invalid UTF-8 or malformed JSON.
    /// </summary>
    public async Task<TextDocument> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var size = MediaFile.CheckReadable(path, _options.MaxFileBytes);
        if (size > _options.MaxTextBytes)
        {
            throw new MediaException(path, MediaStage.Sniff,
                $"the text file is {size:N0} bytes, over the limit of {_options.MaxTextBytes:N0} bytes (Media:MaxTextBytes)");
        }

        var content = MediaSniffer.Sniff(path);
        if (content.Modality != Core.Modality.Text)
        {
            throw new MediaException(path, MediaStage.Sniff,
                content.IsSupported ? $"the content is {content.Describe()}, not text" : content.Reason ?? "the content is not text");
        }

        string text;
        try
        {
            using var reader = new StreamReader(path, StrictUtf8, detectEncodingFromByteOrderMarks: true);
            text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DecoderFallbackException e)
        {
            throw new MediaException(path, MediaStage.Decode, $"the text is not valid UTF-8 ({e.Message})", e);
        }
        catch (IOException e)
        {
            throw new MediaException(path, MediaStage.Decode, "the file cannot be read", e);
        }

        return Parse(path, content.Format, text);
    }

    private static TextDocument Parse(string path, string format, string text)
    {
        switch (format)
        {
            case "json":
                try
                {
                    using var json = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                    var (title, body) = JsonCaptionReader.Read(json.RootElement);
                    return new TextDocument(format, title, body, []);
                }
                catch (JsonException e)
                {
                    throw new MediaException(path, MediaStage.Decode, $"the JSON is malformed: {e.Message}", e);
                }

            case "srt" or "vtt":
                var cues = Subtitles(path, text);
                return new TextDocument(format, null, string.Join('\n', cues.Select(c => c.Text)), cues);
            default:
                return new TextDocument("txt", null, text.Trim(), []);
        }
    }

    private static IReadOnlyList<TextCue> Subtitles(string path, string text)
    {
        var cues = SubtitleParser.Parse(text);
        return cues.Count > 0
            ? cues
            : throw new MediaException(path, MediaStage.Decode, "the subtitle file has no cues (no 'hh:mm:ss,mmm --> hh:mm:ss,mmm' timing lines)");
    }
}
