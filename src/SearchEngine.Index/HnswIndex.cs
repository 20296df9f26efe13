using System.Numerics.Tensors;
using SearchEngine.Core.Vectors;

namespace SearchEngine.Index;

/// <summary>
/// An HNSW approximate nearest-neighbour index (Malkov &amp; Yashunin) keyed by 64-bit external ids. Searches never lock
/// and run alongside inserts and deletes; a delete hides the node at once and leaves it in the graph for navigation
/// until <see cref="Compact"/> rebuilds the graph from the live nodes.
/// </summary>
public sealed unsafe class HnswIndex : IVectorIndex
{
    private const int IdLockStripes = 1 << 10;
    private const int SelectivitySample = 1024;

    private readonly NodeIdMap _nodesById = new();
    private readonly Lock[] _idLocks = new Lock[IdLockStripes];
    private readonly ReaderWriterLockSlim _compaction = new();
    private HnswGraph _graph;
    private long _lastSequence;

    /// <summary>Creates an empty index.</summary>
    public HnswIndex(HnswOptions options)
        : this(new HnswGraph(options))
    {
    }

    private HnswIndex(HnswGraph graph)
    {
        _graph = graph;
        for (var i = 0; i < IdLockStripes; i++)
        {
            _idLocks[i] = new Lock();
        }
    }

    /// <summary>Build options.</summary>
    public HnswOptions Options => _graph.Options;

    /// <inheritdoc />
    public int Dimension => _graph.Dimension;

    /// <inheritdoc />
    public DistanceMetric Metric => _graph.Metric;

    /// <inheritdoc />
    public int Count => _nodesById.Count;

    /// <summary>Nodes in the graph, deleted ones included (what <see cref="Compact"/> would reclaim is the difference).</summary>
    public int NodeCount => _graph.NodeCount;

    /// <inheritdoc />
    public int DeletedCount => Math.Max(0, NodeCount - Count);

    /// <summary>Native (anonymous) bytes held by the graph: node records with their vectors or codes, upper layers.</summary>
    public long GraphBytes => _graph.AllocatedBytes;

    /// <summary>Bytes of full-precision rows a quantized index keeps in its memory-mapped file (0 when not quantized).</summary>
    public long MappedRowBytes => _graph.MappedBytes;

    /// <inheritdoc />
    /// <remarks>The graph's native bytes plus its memory-mapped rows; walks the upper layers, so it costs O(nodes).</remarks>
    public long MemoryBytes => GraphBytes + MappedRowBytes;

    /// <inheritdoc />
    public long LastSequence
    {
        get => Interlocked.Read(ref _lastSequence);
        set => Interlocked.Exchange(ref _lastSequence, value);
    }

    /// <summary>
    /// What the vectors were copied from, in the owner's words (for a serving copy: the database's identity, the
    /// collection's id and creation time). Saved in the file, so a loader can refuse a file made from another source.
    /// </summary>
    public string Origin { get; set; } = "";

    /// <summary>Opens an index saved by <see cref="Save"/>; throws <see cref="InvalidDataException"/> when the file is damaged.</summary>
    public static HnswIndex Load(string path)
    {
        var (graph, lastSequence, origin) = IndexFile.Read(path);
        var index = new HnswIndex(graph) { LastSequence = lastSequence, Origin = origin };
        for (var node = 0; node < graph.NodeCount; node++)
        {
            if (!graph.IsDeleted(node))
            {
                index._nodesById.Set(graph.Label(node), node);
            }
        }
        return index;
    }

    /// <inheritdoc />
    public void Upsert(long id, ReadOnlySpan<float> vector)
    {
        if (vector.Length != Dimension)
        {
            throw new ArgumentException($"vector has {vector.Length} dimensions, the index {Dimension}", nameof(vector));
        }
        Span<float> row = Dimension <= 1024 ? stackalloc float[Dimension] : new float[Dimension];
        vector.CopyTo(row);
        if (Metric == DistanceMetric.Cosine)
        {
            var norm = TensorPrimitives.Norm(row);
            if (norm > 0)
            {
                TensorPrimitives.Divide(row, norm, row);
            }
        }
        _compaction.EnterReadLock();
        try
        {
            var graph = _graph;
            int node;
            lock (_idLocks[(int)((ulong)id % IdLockStripes)])
            {
                // An update is a delete plus an insert under the same id; the old node keeps serving navigation.
                if (_nodesById.TryGetValue(id, out var old))
                {
                    graph.MarkDeleted(old);
                }
                node = graph.Allocate(id, row);
                _nodesById.Set(id, node);
            }
            graph.Connect(node);
        }
        finally
        {
            _compaction.ExitReadLock();
        }
    }

    /// <inheritdoc />
    /// <remarks>With one thread, the build is deterministic for a given seed and order.</remarks>
    public void UpsertBatch(IReadOnlyList<long> ids, ReadOnlyMemory<float> rows, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (rows.Length != ids.Count * Dimension)
        {
            throw new ArgumentException("rows must hold one vector per id", nameof(rows));
        }
        threads = threads <= 0 ? Environment.ProcessorCount : threads;
        var next = -1;
        void Work()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < ids.Count)
            {
                Upsert(ids[i], rows.Span.Slice(i * Dimension, Dimension));
            }
        }
        if (threads == 1)
        {
            Work();
            return;
        }
        var workers = new Thread[threads];
        for (var t = 0; t < threads; t++)
        {
            workers[t] = new Thread(Work) { IsBackground = true, Name = $"hnsw-build-{t}" };
            workers[t].Start();
        }
        foreach (var w in workers)
        {
            w.Join();
        }
    }

    /// <inheritdoc />
    public bool Remove(long id)
    {
        _compaction.EnterReadLock();
        try
        {
            lock (_idLocks[(int)((ulong)id % IdLockStripes)])
            {
                if (!_nodesById.TryRemove(id, out var node))
                {
                    return false;
                }
                _graph.MarkDeleted(node);
                return true;
            }
        }
        finally
        {
            _compaction.ExitReadLock();
        }
    }

    /// <inheritdoc />
    public bool Contains(long id) => _nodesById.ContainsKey(id);

    /// <inheritdoc />
    public bool TryGetVector(long id, Span<float> destination)
    {
        if (destination.Length < Dimension)
        {
            throw new ArgumentException($"destination holds {destination.Length} values, the index {Dimension}", nameof(destination));
        }
        var graph = AcquireGraph();
        try
        {
            // Lock-free like a search: a compaction renumbers nodes, so the node is used only if it still carries the id.
            if (!_nodesById.TryGetValue(id, out var node) || node >= graph.NodeCount || graph.Label(node) != id || graph.IsDeleted(node))
            {
                return false;
            }
            new ReadOnlySpan<float>(graph.FloatRow(node), Dimension).CopyTo(destination);
            return true;
        }
        finally
        {
            graph.Release();
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, int k, VectorSearchOptions? options = null)
    {
        var hits = new List<VectorHit>(k);
        Search(query, k, options, hits);
        return hits;
    }

    /// <summary>As <see cref="Search(ReadOnlySpan{float}, int, VectorSearchOptions?)"/>, appending to a caller's list.</summary>
    public void Search(ReadOnlySpan<float> query, int k, VectorSearchOptions? options, List<VectorHit> hits)
    {
        ArgumentNullException.ThrowIfNull(hits);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (query.Length != Dimension)
        {
            throw new ArgumentException($"query has {query.Length} dimensions, the index {Dimension}", nameof(query));
        }
        var graph = AcquireGraph();
        var scratch = graph.Scratch.Rent();
        try
        {
            PrepareQuery(query, scratch.Query, graph);
            var ef = Math.Max(options?.Ef ?? graph.Options.DefaultEf, k);
            var found = SearchFiltered(graph, scratch, k, ef, options);
            for (var i = 0; i < found && i < k; i++)
            {
                var node = scratch.SortedNodes[i];
                hits.Add(new VectorHit(graph.Label(node), scratch.SortedKeys[i]));
            }
        }
        finally
        {
            graph.Scratch.Return(scratch);
            graph.Release();
        }
    }

    private int SearchFiltered(HnswGraph graph, SearchScratch scratch, int k, int ef, VectorSearchOptions? options)
    {
        var live = Math.Max(1, Count);
        var threshold = graph.Options.ExactScanSelectivity;
        NodeFilter? predicate = options?.Filter is { } f ? new LabelPredicateFilter(graph, f) : null;
        if (options?.AllowList is { } allowList)
        {
            var nodes = new List<int>(allowList.Count);
            foreach (var id in allowList)
            {
                // While Compact swaps graphs the map may already name nodes of the new graph: keep only a node that
                // is this id in the graph being searched, so a search never returns another (possibly deleted) label.
                if (_nodesById.TryGetValue(id, out var node) && node < graph.NodeCount && graph.Label(node) == id && !graph.IsDeleted(node))
                {
                    nodes.Add(node);
                }
            }
            if (nodes.Count <= threshold * live)
            {
                return ExactScan.Run(graph, scratch, k, predicate, nodes);
            }
            var bits = new ulong[(graph.NodeCount + 63) >> 6];
            foreach (var node in nodes)
            {
                bits[node >> 6] |= 1UL << node;
            }
            NodeFilter allowed = new NodeBitsetFilter(bits);
            return graph.Search(scratch, k, ef, predicate is null ? allowed : new BothFilter(allowed, predicate));
        }
        if (predicate is null)
        {
            return graph.Search(scratch, k, ef, null);
        }
        var selectivity = options!.FilterSelectivity ?? EstimateSelectivity(graph, predicate);
        return selectivity <= threshold
            ? ExactScan.Run(graph, scratch, k, predicate, null)
            : graph.Search(scratch, k, ef, predicate);
    }

    /// <summary>Share of live nodes a filter lets through, from an evenly spaced sample (deterministic per index state).</summary>
    private static double EstimateSelectivity(HnswGraph graph, NodeFilter filter)
    {
        var n = graph.NodeCount;
        var step = Math.Max(1, n / SelectivitySample);
        int seen = 0, allowed = 0;
        for (var node = 0; node < n; node += step)
        {
            if (graph.IsDeleted(node))
            {
                continue;
            }
            seen++;
            if (filter.Allows(node))
            {
                allowed++;
            }
        }
        return seen == 0 ? 0 : (double)allowed / seen;
    }

    /// <summary>
    /// Rebuilds the graph from the live nodes, reclaiming deleted ones. Searches keep running on the old graph until the
    /// swap; inserts and deletes wait for the rebuild.
    /// </summary>
    public void Compact(int threads = 0)
    {
        _compaction.EnterWriteLock();
        try
        {
            var old = _graph;
            var fresh = new HnswGraph(old.Options);
            var liveNodes = new List<int>(Count);
            for (var node = 0; node < old.NodeCount; node++)
            {
                if (!old.IsDeleted(node))
                {
                    liveNodes.Add(node);
                }
            }
            var map = new int[liveNodes.Count];
            for (var i = 0; i < liveNodes.Count; i++)
            {
                var node = liveNodes[i];
                map[i] = fresh.Allocate(old.Label(node), new ReadOnlySpan<float>(old.FloatRow(node), old.Dimension), old.Level(node));
            }
            threads = threads <= 0 ? Environment.ProcessorCount : threads;
            var next = -1;
            var workers = new Thread[threads];
            for (var t = 0; t < threads; t++)
            {
                workers[t] = new Thread(() =>
                {
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < map.Length)
                    {
                        fresh.Connect(map[i]);
                    }
                }) { IsBackground = true };
                workers[t].Start();
            }
            foreach (var w in workers)
            {
                w.Join();
            }
            foreach (var i in Enumerable.Range(0, map.Length))
            {
                _nodesById.Set(fresh.Label(map[i]), map[i]);
            }
            Volatile.Write(ref _graph, fresh);
            old.Retire();
        }
        finally
        {
            _compaction.ExitWriteLock();
        }
    }

    /// <inheritdoc />
    public void Save(string path)
    {
        // Writers are held off so the file is one consistent state; searches continue.
        _compaction.EnterWriteLock();
        try
        {
            IndexFile.Write(_graph, path, LastSequence, Origin);
        }
        finally
        {
            _compaction.ExitWriteLock();
        }
    }

    /// <summary>Frees the graph; no search may run any more.</summary>
    public void Dispose()
    {
        _graph.Dispose();
        _compaction.Dispose();
    }

    private HnswGraph AcquireGraph()
    {
        while (true)
        {
            var graph = Volatile.Read(ref _graph);
            if (graph.TryAcquire())
            {
                return graph;
            }
        }
    }

    private void PrepareQuery(ReadOnlySpan<float> query, float* target, HnswGraph graph)
    {
        var row = new Span<float>(target, Math.Max(graph.Stride, graph.CodeStride));
        row.Clear();
        query.CopyTo(row);
        if (Metric == DistanceMetric.Cosine)
        {
            var q = row[..Dimension];
            var norm = TensorPrimitives.Norm(q);
            if (norm > 0)
            {
                TensorPrimitives.Divide(q, norm, q);
            }
        }
    }

    /// <summary>Both an allow-list and a predicate must let a node through.</summary>
    private sealed class BothFilter(NodeFilter first, NodeFilter second) : NodeFilter
    {
        public override bool Allows(int node) => first.Allows(node) && second.Allows(node);
    }
}
