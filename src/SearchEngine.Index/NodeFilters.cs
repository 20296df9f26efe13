namespace SearchEngine.Index;

/// <summary>Lets through nodes whose external id passes a caller's predicate (e.g. a modality or collection check).</summary>
internal sealed class LabelPredicateFilter(HnswGraph graph, Func<long, bool> predicate) : NodeFilter
{
    public override bool Allows(int node) => predicate(graph.Label(node));
}

/// <summary>Lets through the nodes set in a bitset (an allow-list resolved to nodes).</summary>
internal sealed class NodeBitsetFilter(ulong[] bits) : NodeFilter
{
    public override bool Allows(int node) => (uint)(node >> 6) < (uint)bits.Length && (bits[node >> 6] & (1UL << node)) != 0;
}
