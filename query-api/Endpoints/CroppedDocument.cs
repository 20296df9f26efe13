using SearchEngine.Core;
using SearchEngine.Media;
using SearchEngine.Retrieval.Queries;
using SearchEngine.Storage.Documents;

namespace SearchEngine.QueryApi.Endpoints;

/// <summary>
/// "Search with this region of a result": the indexed image's own file, so the client sends a box instead of the
/// picture. The file is read only as <see cref="MediaFileCheck"/> allows the media endpoint to serve it (inside the
/// media roots, the file that was indexed, unchanged), and only from the query's collection.
/// </summary>
internal static class CroppedDocument
{
    /// <summary>The checked path of document <paramref name="documentId"/>'s image in collection <paramref name="collection"/>.</summary>
    public static async Task<string> FileAsync(
        long documentId, string collection, DocumentStore documents, Storage.Collections.CollectionStore collections, MediaDecoder media, CancellationToken cancellationToken)
    {
        var document = await documents.GetAsync(documentId, cancellationToken);
        var owner = document is null ? null : await collections.GetAsync(document.CollectionId, cancellationToken);
        if (document is null || owner is null || !string.Equals(owner.Name, collection, StringComparison.Ordinal))
        {
            throw new QueryException("documentId", $"Document {documentId} is not in collection '{collection}'.", QueryError.NotFound);
        }

        if (document.Modality != Modality.Image)
        {
            throw new QueryException("crop", $"crop cuts a region out of an image; document {documentId} is {document.Modality.ToName()}. Leave crop out to search with the whole document.");
        }

        var (target, refusal) = MediaFileCheck.Inspect(document, media.Roots);
        return refusal is not null ? throw new MediaFileRefusedException(refusal) : target!;
    }
}
