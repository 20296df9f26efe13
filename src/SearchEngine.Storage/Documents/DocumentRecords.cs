using System.Text.Json;
using SearchEngine.Core;

namespace SearchEngine.Storage.Documents;

/// <summary>What the indexer should do with a file, given what the collection holds under its uri.</summary>
public enum FileState
{
    /// <summary>No document has this uri: index it.</summary>
    New,

    /// <summary>A document has this uri and the same content hash: skip it.</summary>
    Unchanged,

    /// <summary>A document has this uri but other content (or did not finish indexing): re-index it, replacing its segments.</summary>
    Changed,
}

/// <summary>A stored document as the query API shows it.</summary>
/// <param name="Id">Document id.</param>
/// <param name="CollectionId">Owning collection.</param>
/// <param name="Uri">Where it came from.</param>
/// <param name="Modality">Kind of media.</param>
/// <param name="ContentSha256">SHA-256 of its bytes (lower-case hex).</param>
/// <param name="SizeBytes">File size.</param>
/// <param name="Width">Pixel width, when known.</param>
/// <param name="Height">Pixel height, when known.</param>
/// <param name="DurationSeconds">Duration, when known.</param>
/// <param name="Title">Title, when given.</param>
/// <param name="Caption">Caption, when given.</param>
/// <param name="Metadata">User metadata (a JSON object).</param>
/// <param name="Status">Indexing status (<c>indexed</c> or <c>failed</c>).</param>
/// <param name="CreatedAt">First stored.</param>
/// <param name="UpdatedAt">Last re-indexed.</param>
public sealed record DocumentInfo(
    long Id, long CollectionId, string Uri, Modality Modality, string ContentSha256, long SizeBytes,
    int? Width, int? Height, double? DurationSeconds, string? Title, string? Caption, JsonElement Metadata,
    string Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>The sniffed content as <c>modality/format</c> (<c>image/png</c>, <c>text/txt</c>); null when not recorded.</summary>
    public string? MediaType { get; init; }

    /// <summary>The file's final target (symlinks followed) when it was indexed; null when not recorded.</summary>
    public string? FinalPath { get; init; }

    /// <summary>The file's modification time when it was indexed; null when not recorded.</summary>
    public DateTimeOffset? FileModifiedAt { get; init; }
}

/// <summary>Where a segment (a search hit) sits: its document and its place in it.</summary>
/// <param name="SegmentId">The segment.</param>
/// <param name="DocumentId">Its document.</param>
/// <param name="Kind">Whole document, frame, audio window, caption or text read in the picture.</param>
/// <param name="Start">Start in seconds, for frames and windows.</param>
/// <param name="End">End in seconds, for windows.</param>
/// <param name="Text">The text an <see cref="SegmentKind.Ocr"/> segment stands for; null for the other kinds.</param>
public sealed record SegmentLocation(long SegmentId, long DocumentId, SegmentKind Kind, double? Start, double? End, string? Text = null);

/// <summary>One stored document of a write.</summary>
/// <param name="DocumentId">Its id (unchanged when an existing document was replaced).</param>
/// <param name="Uri">Its uri.</param>
/// <param name="SegmentIds">Ids of its new segments, in the order they were given.</param>
public sealed record WrittenDocument(long DocumentId, string Uri, IReadOnlyList<long> SegmentIds);

/// <summary>The outcome of <see cref="DocumentStore.WriteAsync"/>.</summary>
/// <param name="Documents">The stored documents, in the order they were given.</param>
/// <param name="RemovedSegmentIds">Segments of replaced documents that were deleted.</param>
public sealed record DocumentWriteResult(IReadOnlyList<WrittenDocument> Documents, IReadOnlyList<long> RemovedSegmentIds);

/// <summary>The outcome of deleting documents.</summary>
/// <param name="DocumentsDeleted">How many documents were removed.</param>
/// <param name="RemovedSegmentIds">Their segments (also recorded in the change log).</param>
public sealed record DocumentDeletion(int DocumentsDeleted, IReadOnlyList<long> RemovedSegmentIds);

/// <summary>What the query path keeps of a document in memory: its modality and the text full-text search reads.</summary>
/// <param name="Id">Document id.</param>
/// <param name="Modality">Kind of media.</param>
/// <param name="Title">Title, when given.</param>
/// <param name="Caption">Caption, when given.</param>
public sealed record DocumentSummary(long Id, Modality Modality, string? Title, string? Caption);
