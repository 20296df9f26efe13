using System.Text.Json;
using SearchEngine.Media;
using SearchEngine.Media.Text;

namespace SearchEngine.Ingestion.Sources;

/// <summary>
/// Reads a file's sidecars into its caption, title and metadata: a <c>.txt</c> sidecar is the caption; a <c>.json</c>
/// sidecar gives a title and caption (read the way <see cref="TextDocumentReader"/> reads caption JSON) and, when it
/// is an object, the metadata. What the manifest row already gave wins over sidecars. A subtitle sidecar (<c>.srt</c>,
/// <c>.vtt</c>) gives timed cues instead of a caption: the first one found is used and any others beside it are not
/// read. A video's sidecar subtitles take precedence over its embedded subtitle track: whoever put a file beside the
/// video chose those words (often the language they want), and both together would give every line twice.
/// </summary>
public sealed class SidecarReader(TextDocumentReader text)
{
    /// <summary>
    /// <paramref name="file"/> with its sidecars' descriptions filled in where the file had none.
    /// Throws <see cref="MediaException"/> naming the sidecar when one cannot be read.
    /// </summary>
    public async Task<SourceFile> AttachAsync(SourceFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var caption = file.Caption;
        var title = file.Title;
        var metadata = file.Metadata;
        var cues = file.Cues;
        foreach (var sidecar in file.Sidecars)
        {
            if (Sidecars.IsSubtitle(sidecar))
            {
                if (cues.Count == 0)
                {
                    cues = (await text.ReadAsync(sidecar, cancellationToken).ConfigureAwait(false)).Cues;
                }

                continue;
            }

            var document = await text.ReadAsync(sidecar, cancellationToken).ConfigureAwait(false);
            if (string.Equals(Path.GetExtension(sidecar), ".json", StringComparison.OrdinalIgnoreCase))
            {
                title ??= document.Title;
                metadata ??= await ReadObjectAsync(sidecar, cancellationToken).ConfigureAwait(false);
            }

            if (caption is null && !string.IsNullOrWhiteSpace(document.Body))
            {
                caption = document.Body;
            }
        }

        return file with { Caption = caption, Title = title, Metadata = metadata, Cues = cues };
    }

    private static async Task<JsonElement?> ReadObjectAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        using var json = await JsonDocument.ParseAsync(stream, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }, cancellationToken).ConfigureAwait(false);
        return json.RootElement.ValueKind == JsonValueKind.Object ? json.RootElement.Clone() : null;
    }
}
