namespace SearchEngine.Index;

/// <summary>
/// Marks the nodes one search has visited. Each search bumps an epoch instead of clearing the array (hnswlib's
/// VisitedList), so a reused set costs nothing per query until the 32-bit epoch wraps.
/// </summary>
internal sealed class VisitedSet
{
    private uint[] _marks = [];
    private uint _epoch;

    /// <summary>Starts a new search over nodes below <paramref name="nodeCount"/>.</summary>
    public void Reset(int nodeCount)
    {
        if (_marks.Length < nodeCount)
        {
            // Grow with headroom so a growing index does not reallocate on every search.
            _marks = new uint[Math.Max(nodeCount, _marks.Length * 2)];
            _epoch = 0;
        }
        if (++_epoch == 0)
        {
            Array.Clear(_marks);
            _epoch = 1;
        }
    }

    /// <summary>Marks <paramref name="node"/>; returns false when it was already marked in this search.</summary>
    public bool TryVisit(int node)
    {
        if ((uint)node >= (uint)_marks.Length)
        {
            Grow(node);
        }
        ref var mark = ref _marks[node];
        if (mark == _epoch)
        {
            return false;
        }
        mark = _epoch;
        return true;
    }

    /// <summary>Marks <paramref name="node"/> as visited.</summary>
    public void Visit(int node)
    {
        if ((uint)node >= (uint)_marks.Length)
        {
            Grow(node);
        }
        _marks[node] = _epoch;
    }

    /// <summary>A node inserted concurrently after <see cref="Reset"/> can appear mid-search: grow, keeping the marks.</summary>
    private void Grow(int node) => Array.Resize(ref _marks, Math.Max(node + 1, _marks.Length * 2));
}
