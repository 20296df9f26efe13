namespace SearchEngine.Web.Tests.Site;

/// <summary>What the page sent to an <c>/api/...</c> address: enough to check a search's shape without an API.</summary>
public sealed record ApiRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Fields,
    IReadOnlyList<UploadedFile> Files);

/// <summary>A file part of a multipart request.</summary>
public sealed record UploadedFile(string FieldName, string FileName, string ContentType, long Length);
