namespace SearchEngine.Storage.Housekeeping;

/// <summary>How long PostgreSQL keeps what only housekeeping removes (configuration section <c>Housekeeping</c>).</summary>
public sealed class HousekeepingOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Housekeeping";

    /// <summary>
    /// A serving copy not seen for this long no longer holds change-log pruning back (default 1 day). If it comes back,
    /// its sequence is older than the pruned horizon and it rebuilds from the segments.
    /// </summary>
    public TimeSpan ServingCopyHorizon { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Finished jobs (and their file errors) older than this are deleted (default 30 days)…</summary>
    public TimeSpan JobRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>…except each collection's newest few, kept whatever their age (default 20).</summary>
    public int KeepLastJobs { get; set; } = 20;

    /// <summary>
    /// Thumbnails no document references are deleted once older than this (default 1 hour): the indexer writes a
    /// thumbnail before its document commits, so a younger one may belong to a batch still being written.
    /// </summary>
    public TimeSpan ThumbnailGrace { get; set; } = TimeSpan.FromHours(1);
}
