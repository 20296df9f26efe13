namespace SearchEngine.Ingestion.Pipeline;

/// <summary>How a job ended.</summary>
public enum IndexingOutcome
{
    /// <summary>Every file was looked at; per-file failures are listed.</summary>
    Completed,

    /// <summary>Stopped by the user; starting again finishes the remaining files.</summary>
    Cancelled,
}

/// <summary>The end of a job: counts, failures with reasons, throughput and where the time went.</summary>
/// <param name="Collection">The collection.</param>
/// <param name="Outcome">Completed or cancelled.</param>
/// <param name="DryRun">Whether nothing was written.</param>
/// <param name="Seen">Files looked at.</param>
/// <param name="Indexed">Files indexed (in a dry run: files that would be).</param>
/// <param name="Skipped">Files already indexed with the same content.</param>
/// <param name="Deleted">Documents removed because their files are gone (in a dry run: that would be).</param>
/// <param name="Segments">Segments written.</param>
/// <param name="Failures">Files that failed, with stage and reason.</param>
/// <param name="Elapsed">Wall time.</param>
/// <param name="StageSeconds">Seconds per stage (summed over parallel workers).</param>
public sealed record IndexingSummary(
    string Collection, IndexingOutcome Outcome, bool DryRun, long Seen, long Indexed, long Skipped, long Deleted, long Segments,
    IReadOnlyList<FileFailure> Failures, TimeSpan Elapsed, IReadOnlyDictionary<string, double> StageSeconds)
{
    /// <summary>Files done (indexed, skipped or failed) per second of wall time.</summary>
    public double FilesPerSecond => Elapsed.TotalSeconds > 0 ? (Indexed + Skipped + Failures.Count) / Elapsed.TotalSeconds : 0;

    /// <summary>Files indexed per second of wall time.</summary>
    public double IndexedPerSecond => Elapsed.TotalSeconds > 0 ? Indexed / Elapsed.TotalSeconds : 0;
}
