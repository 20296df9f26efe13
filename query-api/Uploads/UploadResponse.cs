namespace SearchEngine.QueryApi.Uploads;

/// <summary>The answer to an upload: one entry per document sent, in order, and the change-log sequence after the commit.</summary>
/// <param name="Documents">What became of each document.</param>
/// <param name="Sequence">The collection's change-log sequence the serving copy reached after the commit.</param>
internal sealed record UploadResponse(IReadOnlyList<UploadedDocument> Documents, long Sequence);

/// <summary>What became of one uploaded document.</summary>
/// <param name="Index">Its position in the request.</param>
/// <param name="FileName">The client's file name; null for a JSON text document.</param>
/// <param name="Status"><c>created</c>, <c>exists</c> (the same content was already in the collection) or <c>failed</c>.</param>
/// <param name="Id">The document's id; null when it failed.</param>
/// <param name="Error">Why it failed; null otherwise.</param>
internal sealed record UploadedDocument(int Index, string? FileName, string Status, long? Id, UploadError? Error)
{
    public const string Created = "created";
    public const string Exists = "exists";
    public const string Failed = "failed";
}

/// <summary>Why a document could not be indexed.</summary>
/// <param name="Stage">The pipeline stage it failed at (read, decode, embed, store…).</param>
/// <param name="Detail">What went wrong.</param>
internal sealed record UploadError(string Stage, string Detail);
