namespace SearchEngine.Index;

/// <summary>
/// Brute-force k-NN over the allowed live nodes at full precision: the fallback for filters too selective for the graph
/// walk, where HNSW would explore most of the graph through rejected nodes and still miss allowed ones.
/// </summary>
internal static unsafe class ExactScan
{
    /// <summary>Scans <paramref name="nodes"/> (or every node when null) and leaves the k nearest in the scratch, sorted.</summary>
    public static int Run(HnswGraph graph, SearchScratch scratch, int k, NodeFilter? filter, IReadOnlyList<int>? nodes)
    {
        var results = scratch.Results;
        results.Clear();
        var count = nodes?.Count ?? graph.NodeCount;
        for (var i = 0; i < count; i++)
        {
            var node = nodes is null ? i : nodes[i];
            if (graph.IsDeleted(node) || (filter is not null && !filter.Allows(node)))
            {
                continue;
            }
            var d = graph.Distance(scratch.Query, graph.FloatRow(node));
            if (results.Count < k)
            {
                results.Push(d, node);
            }
            else if (d < results.TopKey)
            {
                results.Pop();
                results.Push(d, node);
            }
        }
        return scratch.DrainResults();
    }
}
