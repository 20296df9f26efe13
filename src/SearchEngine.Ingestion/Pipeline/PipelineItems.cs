using SearchEngine.Ingestion.Sources;
using SearchEngine.Media;
using SearchEngine.Storage.Documents;

namespace SearchEngine.Ingestion.Pipeline;

/// <summary>A file that is new or changed in the collection: hashed, waiting to be decoded.</summary>
/// <param name="Source">The file and what its manifest row gave.</param>
/// <param name="Sha256">Content hash, lower-case hex.</param>
/// <param name="SizeBytes">File size.</param>
internal sealed record PendingFile(SourceFile Source, string Sha256, long SizeBytes)
{
    /// <summary>The file's modification time when it was hashed; the query API serves it only while it is unchanged.</summary>
    public DateTimeOffset? ModifiedAt { get; init; }
}

/// <summary>A decoded file with its sidecars' caption, title and metadata attached.</summary>
/// <param name="File">The file.</param>
/// <param name="Media">Its decoded content.</param>
internal sealed record DecodedFile(PendingFile File, DecodedMedia Media);

/// <summary>A document ready to store, with the thumbnail to save before it commits.</summary>
/// <param name="Write">The document and its segments.</param>
/// <param name="Thumbnail">JPEG bytes; null when the media has none (audio, text).</param>
internal sealed record EmbeddedDocument(DocumentWrite Write, byte[]? Thumbnail);
