using System.Security.Cryptography;
using System.Text;
using SearchEngine.Core;
using SearchEngine.Retrieval.Queries;

namespace SearchEngine.QueryApi.Paging;

/// <summary>
/// What makes two requests the same query for paging: every parameter that changes the ranking (and k, the page
/// size), and for an example file the SHA-256 of its bytes. A cursor carries its query's fingerprint, so a cursor sent
/// with another query is recognised and refused rather than paging the wrong results.
/// </summary>
internal static class QueryFingerprint
{
    public const int Length = 16;

    public static byte[] Of(SearchQuery query, string? fileSha256)
    {
        ArgumentNullException.ThrowIfNull(query);
        // Unit separators between fields, so that no value can shift into the next one.
        var canonical = string.Join('\u001f',
            query.Collection, query.Text ?? "", fileSha256 ?? "", query.DocumentId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            query.Modality?.ToName() ?? "", query.K.ToString(System.Globalization.CultureInfo.InvariantCulture), query.Filter ?? "",
            query.Rerank ? "1" : "0", query.Diversity.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            query.Ef?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            query.MinRelevance?.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "", query.Crop?.Describe() ?? "");
        return SHA256.HashData(Encoding.UTF8.GetBytes(canonical))[..Length];
    }

    /// <summary>The SHA-256 of the file at <paramref name="path"/>, hex.</summary>
    public static async Task<string> FileSha256Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Convert.ToHexString(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
