using SearchEngine.Core.Vectors;
using SearchEngine.Serving;

namespace SearchEngine.Retrieval.Candidates;

/// <summary>
/// The vector stage of <see cref="SearchService"/>: the collection's nearest segments to a query vector. A port, so the
/// pipeline around it (grouping by document, fusion, reranking, records) runs once whether the segments come from this
/// process's serving copy (<see cref="LocalCandidateSearch"/>, the default) or from a collection's shards on other
/// machines, and Retrieval never depends on how they are reached.
/// </summary>
public interface ICandidateSearch
{
    /// <summary>
    /// The <paramref name="count"/> segments of <paramref name="served"/> nearest to <paramref name="vector"/>, searched
    /// with <paramref name="options"/> (candidate list size and the query's filter).
    /// </summary>
    ValueTask<CandidateSet> SearchAsync(
        ServedCollection served, float[] vector, int count, VectorSearchOptions options, CancellationToken cancellationToken = default);
}
