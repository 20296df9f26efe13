using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SearchEngine.Core.Vectors;

namespace SearchEngine.Index;

/// <summary>
/// The HNSW graph and its vectors in native memory. Node n's layer-0 record, hnswlib-style, keeps together what a search
/// touches for that node:
/// <code>
/// [0]  long  external id             [8]  nint  upper-layer block (0 when the node lives on layer 0 only)
/// [16] int   flags (bit 0: deleted)  [20] int   layer-0 link count
/// [24] int   links[2·M]              [24 + 8·M] payload: float row (padded) or, when quantized, int8 codes (padded)
/// </code>
/// An upper-layer block is [int level][level × (int count, int links[M])]. When quantized, the float rows sit in a
/// separate, memory-mapped store (<see cref="MappedChunkFile"/>) used only for construction and exact re-scoring. Readers never lock: a link is written only after the
/// node it names is complete, and a torn read of a list being rewritten yields valid node ids.
/// </summary>
internal sealed unsafe partial class HnswGraph : IDisposable
{
    private const int LockStripes = 1 << 12;
    private const int LinksOffset = 24;
    private const long EmptyEntry = -1;

    private readonly NodeBlockStore _records;
    private readonly NodeBlockStore? _floatRows;
    private readonly Lock[] _nodeLocks = new Lock[LockStripes];
    private readonly Lock _allocateLock = new();
    private readonly Lock _entryLock = new();
    private readonly LevelGenerator _levels;
    private readonly float[]? _scales;
    private readonly int _payloadOffset;
    private long _entry = EmptyEntry;
    private int _count;
    private int _deletedCount;
    private int _readers;
    private int _retired;

    /// <summary>Creates an empty graph.</summary>
    public HnswGraph(HnswOptions options)
    {
        options.Validate();
        Options = options;
        Dimension = options.Dimension;
        Metric = options.Metric;
        M = options.M;
        M0 = 2 * options.M;
        Stride = (Dimension + DistanceKernels.FloatPadding - 1) / DistanceKernels.FloatPadding * DistanceKernels.FloatPadding;
        CodeStride = (Dimension + DistanceKernels.CodePadding - 1) / DistanceKernels.CodePadding * DistanceKernels.CodePadding;
        _payloadOffset = LinksOffset + (M0 * sizeof(int));
        Quantizer = options.Quantizer;
        if (Quantizer is not null)
        {
            _scales = new float[CodeStride];
            Quantizer.Scales.CopyTo(_scales);
            _records = new NodeBlockStore(_payloadOffset + CodeStride);
            _floatRows = new NodeBlockStore(Stride * sizeof(float), new MappedChunkFile(options.RescoreRowsDirectory ?? Path.GetTempPath()));
        }
        else
        {
            _records = new NodeBlockStore(_payloadOffset + (Stride * sizeof(float)));
        }
        for (var i = 0; i < LockStripes; i++)
        {
            _nodeLocks[i] = new Lock();
        }
        _levels = new LevelGenerator(M, options.Seed);
        Scratch = new SearchScratchPool(Math.Max(Stride, CodeStride));
    }

    /// <summary>Build options.</summary>
    public HnswOptions Options { get; }

    /// <summary>Vector dimension.</summary>
    public int Dimension { get; }

    /// <summary>Distance metric.</summary>
    public DistanceMetric Metric { get; }

    /// <summary>Links per node on upper layers.</summary>
    public int M { get; }

    /// <summary>Links per node on layer 0.</summary>
    public int M0 { get; }

    /// <summary>Floats per stored row (dimension rounded up to the kernels' padding).</summary>
    public int Stride { get; }

    /// <summary>Bytes per int8 code row.</summary>
    public int CodeStride { get; }

    /// <summary>The int8 quantizer, when the graph is walked over codes.</summary>
    public ScalarQuantizer? Quantizer { get; }

    /// <summary>Per-dimension quantizer scales padded to <see cref="CodeStride"/>, when quantized.</summary>
    public ReadOnlySpan<float> PaddedScales => _scales;

    /// <summary>Nodes allocated (live and deleted).</summary>
    public int NodeCount => Volatile.Read(ref _count);

    /// <summary>Scratch spaces for searches and inserts.</summary>
    public SearchScratchPool Scratch { get; }

    /// <summary>Entry node, or −1 when empty.</summary>
    public int EntryNode => (int)Volatile.Read(ref _entry);

    /// <summary>Top layer of the entry node.</summary>
    public int MaxLevel => (int)(Volatile.Read(ref _entry) >> 32);

    /// <summary>Bytes of the memory-mapped full-precision rows of a quantized graph (0 when not quantized).</summary>
    public long MappedBytes => _floatRows?.AllocatedBytes ?? 0;

    /// <summary>Anonymous native bytes held by node records and upper-layer blocks (mapped float rows excluded).</summary>
    public long AllocatedBytes
    {
        get
        {
            var bytes = _records.AllocatedBytes;
            var n = NodeCount;
            for (var i = 0; i < n; i++)
            {
                var level = Level(i);
                if (level > 0)
                {
                    bytes += sizeof(int) * (1 + (level * (1 + M)));
                }
            }
            return bytes;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte* Record(int node) => _records[node];

    /// <summary>The external id of <paramref name="node"/>.</summary>
    public long Label(int node) => *(long*)Record(node);

    /// <summary>True when <paramref name="node"/> is marked deleted.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsDeleted(int node) => (Volatile.Read(ref *(int*)(Record(node) + 16)) & 1) != 0;

    /// <summary>Marks <paramref name="node"/> deleted: it stays in the graph for navigation but is never returned.</summary>
    public void MarkDeleted(int node)
    {
        if ((Interlocked.Or(ref *(int*)(Record(node) + 16), 1) & 1) == 0)
        {
            Interlocked.Increment(ref _deletedCount);
        }
    }

    /// <summary>
    /// True once any node was deleted; until then searches skip the per-node flag check, which would touch one more
    /// cache line per visited node (hnswlib's has_deletions).
    /// </summary>
    public bool HasDeletions => Volatile.Read(ref _deletedCount) > 0;

    /// <summary>Top layer of <paramref name="node"/>.</summary>
    public int Level(int node)
    {
        var upper = *(int**)(Record(node) + 8);
        return upper == null ? 0 : upper[0];
    }

    /// <summary>The link list of <paramref name="node"/> on <paramref name="layer"/>: count, then ids.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int* Links(int node, int layer)
    {
        var record = Record(node);
        return layer == 0 ? (int*)(record + 20) : *(int**)(record + 8) + 1 + ((layer - 1) * (1 + M));
    }

    /// <summary>The full-precision (padded, normalized for cosine) row of <paramref name="node"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float* FloatRow(int node) => _floatRows is null ? (float*)(Record(node) + _payloadOffset) : (float*)_floatRows[node];

    /// <summary>The int8 codes of <paramref name="node"/> (quantized graphs only).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public sbyte* Codes(int node) => (sbyte*)(Record(node) + _payloadOffset);

    /// <summary>Distance between two stored nodes at full precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Distance(float* a, float* b) =>
        Metric == DistanceMetric.Cosine ? 1f - DistanceKernels.Dot(a, b, Stride) : DistanceKernels.L2Squared(a, b, Stride);

    /// <summary>
    /// Allocates a node for <paramref name="row"/> (already normalized for cosine) and stores its vector, but does not
    /// link it: call <see cref="Connect"/> next. Returns the node.
    /// </summary>
    public int Allocate(long label, ReadOnlySpan<float> row, int level = -1)
    {
        if (level < 0)
        {
            level = _levels.Next();
        }
        int node;
        lock (_allocateLock)
        {
            node = _count;
            _records.EnsureCapacity(node + 1);
            _floatRows?.EnsureCapacity(node + 1);
            var record = Record(node);
            *(long*)record = label;
            if (level > 0)
            {
                var bytes = (nuint)(sizeof(int) * (1 + (level * (1 + M))));
                var upper = (int*)NativeMemory.AllocZeroed(bytes);
                upper[0] = level;
                *(int**)(record + 8) = upper;
            }
            var floats = FloatRow(node);
            row.CopyTo(new Span<float>(floats, Dimension));
            if (Quantizer is not null)
            {
                Quantizer.Encode(row, new Span<sbyte>(Codes(node), Dimension));
            }
            // Publishing the count last keeps a concurrent scan from reading a half-written node.
            Volatile.Write(ref _count, node + 1);
        }
        return node;
    }

    /// <summary>Lets a search or insert use the graph; false when it has been retired by a compaction.</summary>
    public bool TryAcquire()
    {
        Interlocked.Increment(ref _readers);
        if (Volatile.Read(ref _retired) == 0)
        {
            return true;
        }
        Release();
        return false;
    }

    /// <summary>Ends a use begun by <see cref="TryAcquire"/>; the last user of a retired graph frees it.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _readers) == 0 && Volatile.Read(ref _retired) == 1 &&
            Interlocked.CompareExchange(ref _retired, 2, 1) == 1)
        {
            FreeNative();
        }
    }

    /// <summary>Retires the graph: it is freed once no search holds it any more.</summary>
    public void Retire()
    {
        Interlocked.Increment(ref _readers);
        Volatile.Write(ref _retired, 1);
        Release();
    }

    /// <summary>Frees the graph's native memory; no search may run on it.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _retired, 2) != 2)
        {
            FreeNative();
        }
    }

    private void FreeNative()
    {
        var n = _count;
        for (var i = 0; i < n; i++)
        {
            var upper = *(int**)(Record(i) + 8);
            if (upper != null)
            {
                NativeMemory.Free(upper);
            }
        }
        _records.Dispose();
        _floatRows?.Dispose();
        Scratch.Dispose();
    }

    private Lock NodeLock(int node) => _nodeLocks[node & (LockStripes - 1)];

    /// <summary>Sets the entry point directly (used when loading a file).</summary>
    internal void SetEntry(int node, int level) => Volatile.Write(ref _entry, node < 0 ? EmptyEntry : ((long)level << 32) | (uint)node);
}
