using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace SearchEngine.Index;

/// <summary>
/// Everything one search or insert needs besides the graph: visited set, heaps and an aligned query buffer. Rented from
/// <see cref="SearchScratchPool"/> so the hot path allocates nothing.
/// </summary>
internal sealed unsafe class SearchScratch : IDisposable
{
    /// <summary>Creates scratch space for rows of <paramref name="stride"/> floats.</summary>
    public SearchScratch(int stride)
    {
        Query = (float*)NativeMemory.AlignedAlloc((nuint)stride * sizeof(float), 64);
        Weights = (float*)NativeMemory.AlignedAlloc((nuint)stride * sizeof(float), 64);
        QueryCodes = (short*)NativeMemory.AlignedAlloc((nuint)stride * sizeof(short), 64);
        NativeMemory.Clear(Query, (nuint)stride * sizeof(float));
        NativeMemory.Clear(Weights, (nuint)stride * sizeof(float));
        NativeMemory.Clear(QueryCodes, (nuint)stride * sizeof(short));
    }

    /// <summary>The padded (and, for cosine, normalized) query.</summary>
    public float* Query { get; }

    /// <summary>The query times the quantizer's per-dimension scale, for the int8 kernels.</summary>
    public float* Weights { get; }

    /// <summary>The query quantized for the int8 inner-product kernel (see <see cref="HnswGraph"/>'s int8 search).</summary>
    public short* QueryCodes { get; }

    /// <summary>Nodes seen by the current search.</summary>
    public VisitedSet Visited { get; } = new();

    /// <summary>Nearest-first frontier (negated distances).</summary>
    public DistanceHeap Candidates { get; } = new();

    /// <summary>Best results so far, worst on top.</summary>
    public DistanceHeap Results { get; } = new();

    /// <summary>Sorted output of the last layer search: distances.</summary>
    public float[] SortedKeys { get; set; } = new float[256];

    /// <summary>Sorted output of the last layer search: nodes.</summary>
    public int[] SortedNodes { get; set; } = new int[256];

    /// <summary>Drains <see cref="Results"/> into <see cref="SortedKeys"/>/<see cref="SortedNodes"/>, nearest first.</summary>
    public int DrainResults()
    {
        if (SortedKeys.Length < Results.Count)
        {
            SortedKeys = new float[Results.Count * 2];
            SortedNodes = new int[Results.Count * 2];
        }
        return Results.DrainAscending(SortedKeys, SortedNodes);
    }

    /// <summary>Frees the query buffers.</summary>
    public void Dispose()
    {
        NativeMemory.AlignedFree(Query);
        NativeMemory.AlignedFree(Weights);
        NativeMemory.AlignedFree(QueryCodes);
    }
}

/// <summary>A pool of <see cref="SearchScratch"/>, one per concurrently running search or insert.</summary>
internal sealed class SearchScratchPool(int stride) : IDisposable
{
    private readonly ConcurrentBag<SearchScratch> _free = [];

    /// <summary>Takes a scratch space (new when none is free).</summary>
    public SearchScratch Rent() => _free.TryTake(out var s) ? s : new SearchScratch(stride);

    /// <summary>Gives a scratch space back.</summary>
    public void Return(SearchScratch scratch) => _free.Add(scratch);

    /// <summary>Frees every pooled scratch space.</summary>
    public void Dispose()
    {
        while (_free.TryTake(out var s))
        {
            s.Dispose();
        }
    }
}
