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

    /// <summary>
    /// How many replicas each shard has (default 2, as <see cref="ShardedSearchOptions.Replicas"/>, which clients must
    /// match): a replica that is about to move checks that the shard's other replicas answer, so a move never leaves a
    /// shard without a serving replica.
    /// </summary>
    public int ReplicasPerShard { get; set; } = 2;

    /// <summary>
    /// Whether replicas move to where <see cref="ShardReplicaPlacement"/> puts them when the member list changes
    /// (default true): a joined silo takes its share, and replicas reopened beside their shard's other replica after a
    /// loss spread out again. Checked on the catch-up timer.
    /// </summary>
    public bool Rebalance { get; set; } = true;

    /// <summary>
    /// The longest a replica about to move waits for each of its shard's other replicas to answer (default 5 s); one
    /// that does not answer in time holds the move until a later tick.
    /// </summary>
    public TimeSpan RebalanceCheckTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
