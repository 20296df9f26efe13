namespace SearchEngine.Cluster;

/// <summary>A query's merged answer over a collection's shards.</summary>
/// <param name="Hits">The collection's top-k over the shards that answered, nearest first (ties by segment id).</param>
/// <param name="Answers">Each answering shard's answer (which replica, which silo, at which sequence), by shard.</param>
/// <param name="MissingShards">The shards that did not answer in time, in order; empty when the result is complete.</param>
public sealed record ShardedSearchResult(IReadOnlyList<ShardHit> Hits, IReadOnlyList<ShardAnswer> Answers, IReadOnlyList<int> MissingShards)
{
    /// <summary>Whether some shard did not answer, so better hits may exist than those returned.</summary>
    public bool Partial => MissingShards.Count > 0;

    /// <summary>The shards that answered, in order.</summary>
    public IReadOnlyList<int> AnsweredShards => Answers.Select(a => a.Shard).ToList();
}
