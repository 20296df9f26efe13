using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using SearchEngine.Core.Vectors;

namespace SearchEngine.Index;

/// <summary>Distance from one query to graph nodes; a struct so the layer search is specialized and the kernel inlined.</summary>
internal interface IQueryDistance
{
    /// <summary>Distance from the query to <paramref name="node"/>.</summary>
    float To(int node);

    /// <summary>Starts loading the vector of <paramref name="node"/> into cache.</summary>
    void Prefetch(int node);
}

/// <summary>Which nodes a search may return: live ones, and among them those a filter allows.</summary>
internal abstract class NodeFilter
{
    /// <summary>True when <paramref name="node"/> may be returned.</summary>
    public abstract bool Allows(int node);
}

internal sealed unsafe partial class HnswGraph
{
    /// <summary>Full-precision distance from a padded query row.</summary>
    internal readonly struct FloatQuery(HnswGraph graph, float* query) : IQueryDistance
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public float To(int node) => graph.Distance(query, graph.FloatRow(node));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Prefetch(int node)
        {
            var row = (byte*)graph.FloatRow(node);
            DistanceKernels.Prefetch(row);
            DistanceKernels.Prefetch(row + 64);
        }
    }

    /// <summary>
    /// Inner-product distance between an int8-quantized query and int8 codes: 1 − scale · Σ q·code, the scale folding the
    /// query's own step and the per-dimension code scales (which were multiplied into the query before quantizing it).
    /// </summary>
    internal readonly struct Int8DotQuery(HnswGraph graph, short* query, float scale) : IQueryDistance
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public float To(int node) => 1f - (scale * DistanceKernels.DotInt8(query, graph.Codes(node), graph.CodeStride));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Prefetch(int node)
        {
            // A code row usually straddles cache lines (100-d, M = 16: 112 bytes at offset 152 of a 264-byte record).
            var codes = (byte*)graph.Codes(node);
            DistanceKernels.Prefetch(codes);
            DistanceKernels.Prefetch(codes + 64);
        }
    }

    /// <summary>Asymmetric squared L2 distance from a float query to int8 codes.</summary>
    internal readonly struct Int8L2Query(HnswGraph graph, float* query, float* scales) : IQueryDistance
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public float To(int node) => DistanceKernels.L2Int8(query, scales, graph.Codes(node), graph.CodeStride);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Prefetch(int node) => DistanceKernels.Prefetch(graph.Codes(node));
    }

    /// <summary>Greedy walk (ef = 1) from the entry point down to <paramref name="stopLayer"/> + 1.</summary>
    private int Descend<TQuery>(in TQuery query, int entry, int fromLayer, int stopLayer, ref float distance)
        where TQuery : struct, IQueryDistance
    {
        var current = entry;
        for (var layer = fromLayer; layer > stopLayer; layer--)
        {
            var changed = true;
            while (changed)
            {
                changed = false;
                var links = Links(current, layer);
                var n = Volatile.Read(ref links[0]);
                for (var j = 1; j <= n; j++)
                {
                    var candidate = links[j];
                    var d = query.To(candidate);
                    if (d < distance)
                    {
                        distance = d;
                        current = candidate;
                        changed = true;
                    }
                }
            }
        }
        return current;
    }

    /// <summary>
    /// The paper's Algorithm 2 on one layer: best-first search from <paramref name="entry"/> keeping the <paramref name="ef"/>
    /// nearest nodes that pass <paramref name="filter"/> (and, when <paramref name="skipDeleted"/>, are live) in
    /// <see cref="SearchScratch.Results"/>. Rejected nodes are still expanded, so deletes and filters do not cut the graph.
    /// </summary>
    private void SearchLayer<TQuery>(in TQuery query, int entry, float entryDistance, int ef, int layer, SearchScratch scratch,
        NodeFilter? filter, bool skipDeleted)
        where TQuery : struct, IQueryDistance
    {
        var visited = scratch.Visited;
        var candidates = scratch.Candidates;
        var results = scratch.Results;
        visited.Reset(NodeCount);
        candidates.Clear();
        results.Clear();
        visited.Visit(entry);
        var bound = float.MaxValue;
        if ((!skipDeleted || !IsDeleted(entry)) && (filter is null || filter.Allows(entry)))
        {
            results.Push(entryDistance, entry);
            bound = entryDistance;
        }
        candidates.Push(-entryDistance, entry);
        while (candidates.Count > 0)
        {
            var nearest = -candidates.TopKey;
            if (nearest > bound && results.Count >= ef)
            {
                break;
            }
            var current = candidates.TopNode;
            candidates.Pop();
            var links = Links(current, layer);
            var n = Volatile.Read(ref links[0]);
            if (n > 0)
            {
                query.Prefetch(links[1]);
            }
            for (var j = 1; j <= n; j++)
            {
                var neighbour = links[j];
                if (j < n)
                {
                    query.Prefetch(links[j + 1]);
                }
                if (!visited.TryVisit(neighbour))
                {
                    continue;
                }
                var d = query.To(neighbour);
                if (results.Count < ef || d < bound)
                {
                    candidates.Push(-d, neighbour);
                    if ((!skipDeleted || !IsDeleted(neighbour)) && (filter is null || filter.Allows(neighbour)))
                    {
                        results.Push(d, neighbour);
                        if (results.Count > ef)
                        {
                            results.Pop();
                        }
                    }
                    if (results.Count > 0)
                    {
                        bound = results.TopKey;
                    }
                }
            }
        }
    }

    /// <summary>
    /// k-NN search of a prepared query (padded, normalized for cosine, in <see cref="SearchScratch.Query"/>): greedy descent
    /// on the upper layers, then an ef-wide search of layer 0. Returns how many nodes it left in the scratch's sorted
    /// arrays, nearest first, at full-precision distances. A quantized graph is walked on int8 codes and its k ·
    /// <see cref="HnswOptions.RescoreFactor"/> nearest candidates are re-scored at full precision.
    /// </summary>
    public int Search(SearchScratch scratch, int k, int ef, NodeFilter? filter)
    {
        var entry = Volatile.Read(ref _entry);
        if (entry == EmptyEntry)
        {
            return 0;
        }
        var entryNode = (int)entry;
        var maxLevel = (int)(entry >> 32);
        var exact = new FloatQuery(this, scratch.Query);
        if (Quantizer is null)
        {
            var distance = exact.To(entryNode);
            var start = Descend(exact, entryNode, maxLevel, 0, ref distance);
            SearchLayer(exact, start, distance, ef, 0, scratch, filter, skipDeleted: HasDeletions);
            return scratch.DrainResults();
        }
        if (Metric == DistanceMetric.Cosine)
        {
            var coarse = new Int8DotQuery(this, scratch.QueryCodes, QuantizeQuery(scratch));
            var distance = coarse.To(entryNode);
            var start = Descend(coarse, entryNode, maxLevel, 0, ref distance);
            SearchLayer(coarse, start, distance, ef, 0, scratch, filter, skipDeleted: HasDeletions);
        }
        else
        {
            fixed (float* scales = _scales)
            {
                var coarse = new Int8L2Query(this, scratch.Query, scales);
                var distance = coarse.To(entryNode);
                var start = Descend(coarse, entryNode, maxLevel, 0, ref distance);
                SearchLayer(coarse, start, distance, ef, 0, scratch, filter, skipDeleted: HasDeletions);
            }
        }
        // Only the nearest candidates of the int8 walk are re-scored: their float rows are the only ones read, so the
        // rows can live in a memory-mapped file with few pages touched per query.
        var count = scratch.DrainResults();
        var rescored = Options.RescoreFactor == 0 ? count : Math.Min(count, k * Options.RescoreFactor);
        var results = scratch.Results;
        for (var i = 0; i < rescored; i++)
        {
            results.Push(exact.To(scratch.SortedNodes[i]), scratch.SortedNodes[i]);
        }
        return scratch.DrainResults();
    }

    /// <summary>
    /// Multiplies the query by the per-dimension code scales (so Σ w·code approximates the inner product) and quantizes w
    /// symmetrically to int8 held as int16; returns the factor that turns the integer dot product back into w·code.
    /// </summary>
    private float QuantizeQuery(SearchScratch scratch)
    {
        var weights = new Span<float>(scratch.Weights, CodeStride);
        var query = new Span<float>(scratch.Query, Dimension);
        TensorPrimitives.Multiply(query, _scales.AsSpan(0, Dimension), weights[..Dimension]);
        weights[Dimension..].Clear();
        var max = MathF.Abs(TensorPrimitives.MaxMagnitude(weights)); // the element of largest magnitude, signed
        var step = max > 0 ? max / 127f : 1f;
        var codes = new Span<short>(scratch.QueryCodes, CodeStride);
        var inverse = 1f / step;
        for (var d = 0; d < CodeStride; d++)
        {
            codes[d] = (short)MathF.Round(weights[d] * inverse);
        }
        return step;
    }
}
