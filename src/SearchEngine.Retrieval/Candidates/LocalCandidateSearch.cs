using SearchEngine.Core.Vectors;
using SearchEngine.Serving;

namespace SearchEngine.Retrieval.Candidates;

/// <summary>
/// Searches this process's serving copy of the collection (<see cref="ServedCollection.Index"/>): the single-node
/// path, synchronous and allocation-free beyond the hits, exactly as the pipeline searched before the port existed.
/// </summary>
public sealed class LocalCandidateSearch : ICandidateSearch
{
    /// <inheritdoc />
    public ValueTask<CandidateSet> SearchAsync(
        ServedCollection served, float[] vector, int count, VectorSearchOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(served);
        return ValueTask.FromResult(CandidateSet.Complete(served.Index.Search(vector, count, options)));
    }
}
