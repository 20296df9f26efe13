namespace SearchEngine.Cluster;

/// <summary>How a silo's shard replicas keep current (configuration section <c>Cluster:Replicas</c>).</summary>
public sealed class ShardReplicaOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Cluster:Replicas";

    /// <summary>
    /// How often a replica catches up from the change log (default 1 s): the staleness a query may see without asking
    /// for a sequence. Catch-up reads only entries past the copy's sequence, so an idle collection costs one small query.
    /// </summary>
    public TimeSpan CatchUpInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Whether a replica stays active while idle (default true): its copy is the expensive part (loaded or rebuilt on
    /// activation), so a quiet hour should not cost the next query a reload. Off lets Orleans collect idle replicas.
    /// </summary>
    public bool KeepActive { get; set; } = true;

    /// <summary>
    /// Whether replicas record their sequence in <c>serving_copies</c> (default true), so housekeeping does not prune
    /// the change log past a replica that still needs it. Off for a silo under a role that may not write.
    /// </summary>
    public bool RecordServingCopies { get; set; } = true;
}
