using SearchEngine.Core.Vectors;
using SearchEngine.Retrieval.Candidates;
using SearchEngine.Serving;

namespace SearchEngine.Cluster;

/// <summary>
/// The vector stage of a query API that is a cluster member: a collection of more than one shard is searched through
/// <see cref="ShardedSearch"/> (one replica per shard, top-k merged exactly), everything else through this process's
/// own serving copy (<see cref="LocalCandidateSearch"/>). <see cref="Retrieval.SearchService"/> then groups, fuses and
/// reranks the merged candidates once, as it does the local ones.
/// </summary>
/// <remarks>
/// The API keeps its own <see cref="ServedCollection"/> of a sharded collection: its catalogue places each merged
/// segment in its document and holds the documents' texts for BM25 fusion and the calibration's inputs, and its copy's
/// full-precision vectors rescore the candidates, so the shards need return only (segment, similarity). Queries with a
/// filter stay on the local copy: the replicas search without filters yet, and filtering their top-k afterwards would
/// silently lose results the filtered graph search finds.
/// </remarks>
public sealed class ShardedCandidateSearch(ShardedSearch shards, LocalCandidateSearch local) : ICandidateSearch
{
    /// <inheritdoc />
    public async ValueTask<CandidateSet> SearchAsync(
        ServedCollection served, float[] vector, int count, VectorSearchOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(served);
        ArgumentNullException.ThrowIfNull(options);
        if (served.Info.ShardCount <= 1 || options.Filter is not null || options.AllowList is not null)
        {
            return await local.SearchAsync(served, vector, count, options, cancellationToken).ConfigureAwait(false);
        }

        var result = await shards.SearchAsync(served.Info, vector, count, options.Ef ?? count, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        var hits = new VectorHit[result.Hits.Count];
        for (var i = 0; i < hits.Length; i++)
        {
            hits[i] = new VectorHit(result.Hits[i].SegmentId, 1f - result.Hits[i].Score);
        }

        return new CandidateSet(hits, result.MissingShards);
    }
}
