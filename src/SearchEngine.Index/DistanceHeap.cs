using System.Runtime.CompilerServices;

namespace SearchEngine.Index;

/// <summary>
/// A binary max-heap of (distance, node) pairs on reused arrays. The search keeps its results in one (worst on top) and
/// its candidates in another by pushing negated distances (nearest on top), as hnswlib does with std::priority_queue.
/// </summary>
internal sealed class DistanceHeap
{
    private float[] _keys = new float[64];
    private int[] _nodes = new int[64];

    /// <summary>Number of entries.</summary>
    public int Count { get; private set; }

    /// <summary>The largest key.</summary>
    public float TopKey => _keys[0];

    /// <summary>The node with the largest key.</summary>
    public int TopNode => _nodes[0];

    /// <summary>Empties the heap, keeping its arrays.</summary>
    public void Clear() => Count = 0;

    /// <summary>Adds an entry.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(float key, int node)
    {
        if (Count == _keys.Length)
        {
            Array.Resize(ref _keys, Count * 2);
            Array.Resize(ref _nodes, Count * 2);
        }
        var keys = _keys;
        var nodes = _nodes;
        var i = Count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (keys[parent] >= key)
            {
                break;
            }
            keys[i] = keys[parent];
            nodes[i] = nodes[parent];
            i = parent;
        }
        keys[i] = key;
        nodes[i] = node;
    }

    /// <summary>Removes the entry with the largest key.</summary>
    public void Pop()
    {
        var n = --Count;
        if (n == 0)
        {
            return;
        }
        var keys = _keys;
        var nodes = _nodes;
        var key = keys[n];
        var node = nodes[n];
        var i = 0;
        while (true)
        {
            var child = (2 * i) + 1;
            if (child >= n)
            {
                break;
            }
            if (child + 1 < n && keys[child + 1] > keys[child])
            {
                child++;
            }
            if (keys[child] <= key)
            {
                break;
            }
            keys[i] = keys[child];
            nodes[i] = nodes[child];
            i = child;
        }
        keys[i] = key;
        nodes[i] = node;
    }

    /// <summary>Drains the heap into <paramref name="keys"/>/<paramref name="nodes"/> in ascending key order.</summary>
    public int DrainAscending(Span<float> keys, Span<int> nodes)
    {
        var n = Count;
        for (var i = n - 1; i >= 0; i--)
        {
            keys[i] = TopKey;
            nodes[i] = TopNode;
            Pop();
        }
        return n;
    }
}
