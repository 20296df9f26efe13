using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using SearchEngine.QueryApi.Endpoints;
using SearchEngine.Retrieval.Queries;

namespace SearchEngine.QueryApi.Uploads;

/// <summary>
/// Reads the body of POST /api/collections/{name}/documents into an <see cref="UploadBatch"/>: a multipart form of
/// <c>file</c> parts (each streamed to the upload store as it arrives, so a large file is never held in memory and is
/// refused as soon as it passes its limit) with an optional <c>documents</c> field describing them, or a JSON body of
/// text documents. Every refusal names the field or the limit.
/// </summary>
internal static class UploadRequestReader
{
    /// <summary>Room for the multipart framing and the <c>documents</c> field around a request's files.</summary>
    public const long FramingBytes = 1024 * 1024;

    private static readonly string[] FileFields = ["title", "caption", "metadata"];
    private static readonly string[] TextFields = ["text", "title", "metadata"];

    /// <summary>The limits one request is held to.</summary>
    /// <param name="MaxFileBytes">Per file (<c>QueryApi:MaxUploadBytes</c>).</param>
    /// <param name="Options">Per request (<c>Uploads:*</c>).</param>
    public sealed record Limits(long MaxFileBytes, UploadOptions Options);

    public static async Task<UploadBatch> ReadAsync(HttpRequest request, UploadStore store, Limits limits, CancellationToken cancellationToken)
    {
        if (request.HasJsonContentType())
        {
            return await ReadTextDocumentsAsync(request, store, limits, cancellationToken);
        }

        if (!request.HasFormContentType || !request.ContentType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            throw new QueryException("body",
                $"Documents are uploaded as multipart/form-data ('file' parts) or application/json (text documents); the Content-Type was '{Shorten(request.ContentType ?? "none")}'.",
                QueryError.UnsupportedContentType);
        }

        return await ReadFormAsync(request, store, limits, cancellationToken);
    }

    private static async Task<UploadBatch> ReadFormAsync(HttpRequest request, UploadStore store, Limits limits, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.ContentType).Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary))
        {
            throw new QueryException("body", "The multipart form has no boundary; send multipart/form-data as a client library or curl -F makes it.");
        }

        if (request.ContentLength > limits.Options.MaxRequestBytes + FramingBytes)
        {
            throw TooLarge(perFile: false, null, limits);
        }

        var files = new List<(StagedFile File, string? Name)>();
        string? descriptions = null;
        long total = 0;
        try
        {
            var reader = new MultipartReader(boundary, request.Body);
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !(disposition.IsFileDisposition() || disposition.IsFormDisposition()))
                {
                    throw new QueryException("body", "A part of the multipart form has no 'Content-Disposition: form-data'; send a form as a client library or curl -F makes it.");
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (disposition.IsFileDisposition())
                {
                    if (name != "file")
                    {
                        throw new QueryException("file", $"A file was sent as the part named '{Shorten(name)}'; name every file part 'file'.");
                    }

                    if (files.Count == limits.Options.MaxFilesPerRequest)
                    {
                        throw new QueryException("file",
                            $"The request holds more than {limits.Options.MaxFilesPerRequest} files (Uploads:MaxFilesPerRequest); send them in several requests.", QueryError.TooLarge);
                    }

                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                    var allowed = Math.Min(limits.MaxFileBytes, limits.Options.MaxRequestBytes - total);
                    var staged = await store.StageAsync(section.Body, fileName, allowed, cancellationToken)
                        ?? throw TooLarge(allowed == limits.MaxFileBytes, Path.GetFileName(fileName), limits);
                    files.Add((staged, string.IsNullOrWhiteSpace(fileName) ? null : Path.GetFileName(fileName)));
                    total += staged.Size;
                }
                else if (name == "documents")
                {
                    var bytes = await SearchRequestJson.ReadAtMostAsync(section.Body, limits.Options.MaxJsonBytes, () => new QueryException("documents",
                        $"The 'documents' field is larger than {limits.Options.MaxJsonBytes} bytes (Uploads:MaxJsonBytes).", QueryError.TooLarge), cancellationToken);
                    descriptions = System.Text.Encoding.UTF8.GetString(bytes);
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException && e is not BadHttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            Discard(files);
            throw new QueryException("body", $"The multipart form could not be read ({e.Message.TrimEnd('.')}); send multipart/form-data with one or more 'file' parts.");
        }
        catch
        {
            Discard(files);
            throw;
        }

        try
        {
            if (files.Count == 0)
            {
                throw new QueryException("file", "The form holds no file; send each document as a part named 'file' (curl -F file=@photo.jpg).");
            }

            var described = Describe(descriptions, files.Count);
            return new UploadBatch([.. files.Select((f, i) => new UploadItem(f.File, f.Name, described[i].Title, described[i].Caption, described[i].Metadata))]);
        }
        catch
        {
            Discard(files);
            throw;
        }
    }

    /// <summary>The <c>documents</c> field, one entry per file (entries past the end of the array describe nothing).</summary>
    private static (string? Title, string? Caption, JsonElement? Metadata)[] Describe(string? json, int files)
    {
        var described = new (string?, string?, JsonElement?)[files];
        if (string.IsNullOrWhiteSpace(json))
        {
            return described;
        }

        using var document = Parse(json, "documents");
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new QueryException("documents", "'documents' must be a JSON array with one {\"title\", \"caption\", \"metadata\"} object per file, in the files' order.");
        }

        if (root.GetArrayLength() > files)
        {
            throw new QueryException("documents", $"'documents' describes {root.GetArrayLength()} documents but the form holds {files} files; send one entry per file, in order.");
        }

        var i = 0;
        foreach (var entry in root.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Null)
            {
                described[i] = (OptionalString(entry, "title", i, FileFields), OptionalString(entry, "caption", i, FileFields), Metadata(entry, i));
            }

            i++;
        }

        return described;
    }

    private static async Task<UploadBatch> ReadTextDocumentsAsync(HttpRequest request, UploadStore store, Limits limits, CancellationToken cancellationToken)
    {
        var max = limits.Options.MaxJsonBytes;
        QueryException TooLargeBody() => new("body", $"The JSON body is larger than {max} bytes (Uploads:MaxJsonBytes); send the text documents in several requests.", QueryError.TooLarge);
        if (request.ContentLength > max)
        {
            throw TooLargeBody();
        }

        var bytes = await SearchRequestJson.ReadAtMostAsync(request.Body, max, TooLargeBody, cancellationToken);
        using var document = Parse(System.Text.Encoding.UTF8.GetString(bytes), "body");
        if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("documents", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new QueryException("documents", "The JSON body must be {\"documents\": [{\"text\": …, \"title\": …, \"metadata\": {…}}]}.");
        }

        var count = list.GetArrayLength();
        if (count == 0)
        {
            throw new QueryException("documents", "'documents' is empty; send at least one {\"text\": …}.");
        }

        if (count > limits.Options.MaxFilesPerRequest)
        {
            throw new QueryException("documents",
                $"The request holds more than {limits.Options.MaxFilesPerRequest} documents (Uploads:MaxFilesPerRequest); send them in several requests.", QueryError.TooLarge);
        }

        var items = new List<UploadItem>(count);
        try
        {
            var i = 0;
            foreach (var entry in list.EnumerateArray())
            {
                if (entry.ValueKind != JsonValueKind.Object)
                {
                    throw new QueryException("documents", $"Document {i} must be an object like {{\"text\": …}}.");
                }

                var text = OptionalString(entry, "text", i, TextFields);
                if (string.IsNullOrWhiteSpace(text))
                {
                    throw new QueryException("documents", $"Document {i} has no text; each text document needs a non-empty \"text\".");
                }

                var staged = await store.StageTextAsync(text, cancellationToken);
                items.Add(new UploadItem(staged, null, OptionalString(entry, "title", i, TextFields), null, Metadata(entry, i)));
                i++;
            }

            return new UploadBatch(items);
        }
        catch
        {
            Discard(items.Select(i => (i.File, (string?)null)));
            throw;
        }
    }

    private static JsonDocument Parse(string json, string parameter)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            throw new QueryException(parameter, $"'{parameter}' is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).");
        }
    }

    private static string? OptionalString(JsonElement entry, string field, int index, string[] known)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw new QueryException("documents", $"Document {index} must be an object like {{{string.Join(", ", known.Select(k => $"\"{k}\": …"))}}}.");
        }

        foreach (var property in entry.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                throw new QueryException("documents", $"Document {index} has an unknown field '{Shorten(property.Name)}'; the fields are {string.Join(", ", known)}.");
            }
        }

        return !entry.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null ? null
            : value.ValueKind == JsonValueKind.String ? value.GetString()
            : throw new QueryException("documents", $"Document {index}: '{field}' must be a string.");
    }

    private static JsonElement? Metadata(JsonElement entry, int index) =>
        !entry.TryGetProperty("metadata", out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.Object ? value.Clone()
        : throw new QueryException("documents", $"Document {index}: 'metadata' must be a JSON object.");

    private static QueryException TooLarge(bool perFile, string? fileName, Limits limits) => perFile
        ? new QueryException("file", $"The file '{Shorten(fileName ?? "upload")}' is larger than this service accepts ({limits.MaxFileBytes} bytes, QueryApi:MaxUploadBytes).", QueryError.TooLarge)
        : new QueryException("file", $"The request's files add up to more than {limits.Options.MaxRequestBytes} bytes (Uploads:MaxRequestBytes); send them in several requests.", QueryError.TooLarge);

    private static void Discard(IEnumerable<(StagedFile File, string? Name)> files)
    {
        foreach (var (file, _) in files)
        {
            file.Dispose();
        }
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
