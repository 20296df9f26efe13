using SearchEngine.Core.Vectors;

namespace SearchEngine.Retrieval.Candidates;

/// <summary>The candidate segments of one query, and which parts of the collection were not searched.</summary>
/// <param name="Hits">The nearest segments, nearest first.</param>
/// <param name="MissingShards">
/// The shards of a sharded collection that did not answer in time; empty when every segment of the collection was
/// searched (always so for a collection served by one process).
/// </param>
public sealed record CandidateSet(IReadOnlyList<VectorHit> Hits, IReadOnlyList<int> MissingShards)
{
    /// <summary>Whether some shard did not answer, so better candidates may exist than those returned.</summary>
    public bool Partial => MissingShards.Count > 0;

    /// <summary>Candidates from a search that covered the whole collection.</summary>
    public static CandidateSet Complete(IReadOnlyList<VectorHit> hits) => new(hits, []);
}
