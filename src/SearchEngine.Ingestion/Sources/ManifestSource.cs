using System.Runtime.CompilerServices;
using System.Text.Json;

namespace SearchEngine.Ingestion.Sources;

/// <summary>
/// Reads a manifest: CSV, TSV (both with a header row) or JSON Lines, chosen by the file's extension. Each row names a
/// local file (column <c>path</c>, or <c>file</c>, <c>filename</c>, <c>image</c>, <c>audio</c>, <c>video</c>;
/// relative paths are relative to the manifest's folder) and optionally a caption (<c>caption</c>, <c>text</c>,
/// <c>description</c>) and a title (<c>title</c>, <c>name</c>); every other column becomes metadata. Rows are
/// streamed, so a manifest of any length takes constant memory. A bad row becomes a per-file problem, not a failure.
/// Paths must be relative and stay inside the manifest's folder (no absolute paths, no <c>..</c> out of it), and each
/// file's final target must be a regular file inside the media roots (by default the manifest's folder).
/// </summary>
public static class ManifestSource
{
    private static readonly string[] PathColumns = ["path", "file", "filename", "file_name", "filepath", "image", "audio", "video", "uri"];
    private static readonly string[] CaptionColumns = ["caption", "text", "description"];
    private static readonly string[] TitleColumns = ["title", "name"];

    /// <summary>The files the manifest at <paramref name="manifestPath"/> lists, in its order.</summary>
    /// <exception cref="SourceException">The manifest is missing, of an unknown format, or has no path column.</exception>
    public static IAsyncEnumerable<SourceFile> EnumerateAsync(string manifestPath, CancellationToken cancellationToken = default) =>
        EnumerateAsync(manifestPath, null, cancellationToken);

    /// <summary>
    /// The files the manifest lists, each checked against <paramref name="roots"/> (null or empty: the manifest's
    /// folder is the only root).
    /// </summary>
    /// <exception cref="SourceException">The manifest is missing, of an unknown format, or has no path column.</exception>
    public static IAsyncEnumerable<SourceFile> EnumerateAsync(string manifestPath, Media.Files.MediaRoots? roots, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifestPath);
        var full = Path.GetFullPath(manifestPath);
        if (!File.Exists(full))
        {
            throw new SourceException($"The manifest '{manifestPath}' does not exist.");
        }

        var scope = new PathScope(SourceRoots.For(roots, Path.GetDirectoryName(full)!), Configured: roots is { IsEmpty: false });
        return Path.GetExtension(full).ToLowerInvariant() switch
        {
            ".csv" => ReadDelimitedAsync(full, ',', quoted: true, scope, cancellationToken),
            ".tsv" or ".tab" => ReadDelimitedAsync(full, '\t', quoted: false, scope, cancellationToken),
            ".jsonl" or ".ndjson" => ReadJsonLinesAsync(full, scope, cancellationToken),
            var other => throw new SourceException(
                $"The manifest '{manifestPath}' has extension '{other}'; use .csv, .tsv or .jsonl (one JSON object per line)."),
        };
    }

    private static async IAsyncEnumerable<SourceFile> ReadDelimitedAsync(string manifest, char delimiter, bool quoted, PathScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(manifest, detectEncodingFromByteOrderMarks: true);
        string[]? header = null;
        int pathColumn = -1, captionColumn = -1, titleColumn = -1;
        await foreach (var (line, fields) in DelimitedRecords.ReadAsync(reader, delimiter, quoted, cancellationToken).ConfigureAwait(false))
        {
            if (header is null)
            {
                header = fields.Select(f => f.Trim().ToLowerInvariant()).ToArray();
                pathColumn = Find(header, PathColumns);
                captionColumn = Find(header, CaptionColumns);
                titleColumn = Find(header, TitleColumns);
                if (pathColumn < 0)
                {
                    throw new SourceException(
                        $"The manifest '{manifest}' has no path column: its header is '{string.Join(delimiter, fields)}'; name one column " +
                        $"{string.Join(", ", PathColumns)}.");
                }

                continue;
            }

            var path = pathColumn < fields.Length ? fields[pathColumn].Trim() : "";
            if (path.Length == 0)
            {
                yield return Problem(manifest, line, $"row has no value in column '{header[pathColumn]}'");
                continue;
            }

            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < fields.Length && i < header.Length; i++)
            {
                if (i != pathColumn && i != captionColumn && i != titleColumn && header[i].Length > 0 && fields[i].Length > 0)
                {
                    metadata[header[i]] = fields[i];
                }
            }

            yield return Entry(manifest, line, scope, path, Value(fields, captionColumn), Value(fields, titleColumn),
                metadata.Count == 0 ? null : JsonSerializer.SerializeToElement(metadata, ManifestJsonContext.Default.DictionaryStringString));
        }
    }

    private static async IAsyncEnumerable<SourceFile> ReadJsonLinesAsync(string manifest, PathScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(manifest, detectEncodingFromByteOrderMarks: true);
        var line = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var (json, error) = Parse(text);
            if (json is null)
            {
                yield return Problem(manifest, line, $"line is not valid JSON: {error}");
                continue;
            }

            using (json)
            {
                if (json.RootElement.ValueKind != JsonValueKind.Object)
                {
                    yield return Problem(manifest, line, $"line is a JSON {json.RootElement.ValueKind}, not an object");
                    continue;
                }

                string? path = null, caption = null, title = null;
                var metadata = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                foreach (var property in json.RootElement.EnumerateObject())
                {
                    var key = property.Name.ToLowerInvariant();
                    var value = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                    if (path is null && PathColumns.Contains(key) && value is not null)
                    {
                        path = value.Trim();
                    }
                    else if (caption is null && CaptionColumns.Contains(key) && value is not null)
                    {
                        caption = value;
                    }
                    else if (title is null && TitleColumns.Contains(key) && value is not null)
                    {
                        title = value;
                    }
                    else
                    {
                        metadata[property.Name] = property.Value.Clone();
                    }
                }

                if (string.IsNullOrEmpty(path))
                {
                    yield return Problem(manifest, line, $"object has no string field {string.Join(", ", PathColumns)}");
                    continue;
                }

                yield return Entry(manifest, line, scope, path, caption, title,
                    metadata.Count == 0 ? null : JsonSerializer.SerializeToElement(metadata, ManifestJsonContext.Default.DictionaryStringJsonElement));
            }
        }
    }

    private static (JsonDocument? Json, string? Error) Parse(string text)
    {
        try
        {
            return (JsonDocument.Parse(text), null);
        }
        catch (JsonException e)
        {
            return (null, e.Message);
        }
    }

    private static SourceFile Entry(string manifest, int line, PathScope scope, string path, string? caption, string? title, JsonElement? metadata)
    {
        if (path.StartsWith('~'))
        {
            return Problem(manifest, line, $"the path '{path}' starts with '~', which only a shell expands; give the path itself");
        }

        // Without configured roots a manifest names files beside it: absolute paths and ".." out of its folder would let
        // whoever writes the manifest (a data set download, a colleague's CSV) point the indexer anywhere on the disk.
        // With Media:Roots the operator has said where media may live, and the roots check below holds every path to it.
        var folder = Path.GetDirectoryName(manifest)!;
        if (!scope.Configured && Path.IsPathRooted(path))
        {
            return Problem(manifest, line, $"the path '{path}' is absolute; give paths relative to the manifest's folder, or configure Media:Roots to cover it");
        }

        var full = Path.GetFullPath(Path.Combine(folder, path));
        if (!scope.Configured && !full.StartsWith(folder.EndsWith('/') ? folder : folder + "/", StringComparison.Ordinal))
        {
            return Problem(manifest, line, $"the path '{path}' leads out of the manifest's folder (through '..'); configure Media:Roots to cover it");
        }

        return SourceRoots.Check(scope.Roots, new SourceFile(full, Blank(caption), Blank(title), metadata) { Sidecars = Sidecars.FindOnDisk(full) });
    }

    private static SourceFile Problem(string manifest, int line, string reason) =>
        new($"{manifest}:{line}") { Problem = $"manifest {Path.GetFileName(manifest)} line {line}: {reason}" };

    private static int Find(string[] header, string[] names)
    {
        foreach (var name in names)
        {
            var index = Array.IndexOf(header, name);
            if (index >= 0)
            {
                return index;
            }
        }

        return -1;
    }

    private static string? Value(string[] fields, int column) => column >= 0 && column < fields.Length ? Blank(fields[column]) : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
