namespace SearchEngine.Fingerprints;

/// <summary>
/// Where one document's frames lie in the index's global frame space: a posting is <c>Start + frame</c>, so one 32-bit
/// number names both the document and the time, and a vote key (posting − query frame) names both the document and the
/// offset.
/// </summary>
internal sealed class DocumentSpan(long documentId, uint start, int frames, double durationSeconds, int postings)
{
    public long DocumentId { get; } = documentId;

    public uint Start { get; set; } = start;

    public int Frames { get; } = frames;

    public double DurationSeconds { get; } = durationSeconds;

    public int Postings { get; } = postings;

    /// <summary>False once removed or replaced: its postings stay until the next compaction and are skipped by matching.</summary>
    public bool Live { get; set; } = true;
}
