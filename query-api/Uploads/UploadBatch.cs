using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SearchEngine.QueryApi.Uploads;

/// <summary>One document of an upload request: its staged file and what the request said about it.</summary>
/// <param name="File">The staged file.</param>
/// <param name="FileName">The client's file name (for the response only; never a path); null for a JSON text document.</param>
/// <param name="Title">Its title, stored for full-text search.</param>
/// <param name="Caption">A caption, embedded with the text tower.</param>
/// <param name="Metadata">User metadata (a JSON object).</param>
internal sealed record UploadItem(StagedFile File, string? FileName, string? Title, string? Caption, JsonElement? Metadata);

/// <summary>
/// The documents of one upload request, read and staged; disposing deletes the temporary files not kept. Its
/// <see cref="Hash"/> identifies the request's content for idempotency: the files' hashes, names and descriptions in
/// order, not the body's bytes, since a client's retry of a multipart form picks a new boundary.
/// </summary>
internal sealed class UploadBatch(IReadOnlyList<UploadItem> items) : IDisposable
{
    public IReadOnlyList<UploadItem> Items { get; } = items;

    /// <summary>Lower-case hex SHA-256 of the collection and the request's documents.</summary>
    public string Hash(string collection)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, collection);
        foreach (var item in Items)
        {
            Append(hash, item.File.Sha256);
            Append(hash, item.File.Extension);
            Append(hash, item.FileName);
            Append(hash, item.Title);
            Append(hash, item.Caption);
            Append(hash, item.Metadata?.GetRawText());
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public void Dispose()
    {
        foreach (var item in Items)
        {
            item.File.Dispose();
        }
    }

    private static void Append(IncrementalHash hash, string? value)
    {
        // Length-prefixed, so that ("ab", "c") and ("a", "bc") differ; null differs from "".
        hash.AppendData(BitConverter.GetBytes(value is null ? -1 : Encoding.UTF8.GetByteCount(value)));
        if (value is not null)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(value));
        }
    }
}
