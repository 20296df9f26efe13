namespace SearchEngine.Index;

internal sealed unsafe partial class HnswGraph
{
    /// <summary>
    /// Links an allocated node into the graph (the paper's Algorithm 1): greedy descent to the node's top layer, then on
    /// each layer an efConstruction-wide search, the neighbour heuristic, and back-links that are pruned by the same
    /// heuristic when a neighbour overflows. Only one node lock is held at a time, so concurrent inserts cannot deadlock.
    /// </summary>
    public void Connect(int node)
    {
        var level = Level(node);
        var entry = Volatile.Read(ref _entry);
        if (entry == EmptyEntry || level > (int)(entry >> 32))
        {
            // A node that raises the top layer holds the entry lock for its whole insert (as hnswlib does), so two such
            // nodes cannot both become entry points of half-linked graphs.
            lock (_entryLock)
            {
                entry = Volatile.Read(ref _entry);
                if (entry == EmptyEntry)
                {
                    SetEntry(node, level);
                    return;
                }
                ConnectFrom(node, level, entry);
                if (level > (int)(Volatile.Read(ref _entry) >> 32))
                {
                    SetEntry(node, level);
                }
                return;
            }
        }
        ConnectFrom(node, level, entry);
    }

    private void ConnectFrom(int node, int level, long entry)
    {
        var scratch = Scratch.Rent();
        try
        {
            var query = new FloatQuery(this, FloatRow(node));
            var current = (int)entry;
            var maxLevel = (int)(entry >> 32);
            var distance = query.To(current);
            current = Descend(query, current, maxLevel, level, ref distance);
            Span<int> selected = stackalloc int[M0 + 1];
            for (var layer = Math.Min(level, maxLevel); layer >= 0; layer--)
            {
                SearchLayer(query, current, distance, Options.EfConstruction, layer, scratch, filter: null, skipDeleted: false);
                var count = scratch.DrainResults();
                current = scratch.SortedNodes[0];
                distance = scratch.SortedKeys[0];
                var kept = SelectNeighbours(scratch.SortedKeys.AsSpan(0, count), scratch.SortedNodes.AsSpan(0, count), M, selected);
                var own = Links(node, layer);
                lock (NodeLock(node))
                {
                    for (var i = 0; i < kept; i++)
                    {
                        own[1 + i] = selected[i];
                    }
                    Volatile.Write(ref own[0], kept);
                }
                var maxLinks = layer == 0 ? M0 : M;
                for (var i = 0; i < kept; i++)
                {
                    AddBackLink(selected[i], node, layer, maxLinks, scratch);
                }
            }
        }
        finally
        {
            Scratch.Return(scratch);
        }
    }

    /// <summary>Adds <paramref name="node"/> to <paramref name="neighbour"/>'s list, pruning it by the heuristic when full.</summary>
    private void AddBackLink(int neighbour, int node, int layer, int maxLinks, SearchScratch scratch)
    {
        lock (NodeLock(neighbour))
        {
            var links = Links(neighbour, layer);
            var n = links[0];
            if (n < maxLinks)
            {
                links[1 + n] = node;
                Volatile.Write(ref links[0], n + 1);
                return;
            }
            var origin = FloatRow(neighbour);
            Span<float> keys = stackalloc float[maxLinks + 1];
            Span<int> nodes = stackalloc int[maxLinks + 1];
            for (var i = 0; i < n; i++)
            {
                nodes[i] = links[1 + i];
                keys[i] = Distance(origin, FloatRow(nodes[i]));
            }
            nodes[n] = node;
            keys[n] = Distance(origin, FloatRow(node));
            keys.Sort(nodes);
            Span<int> selected = stackalloc int[maxLinks];
            var kept = SelectNeighbours(keys, nodes, maxLinks, selected);
            for (var i = 0; i < kept; i++)
            {
                links[1 + i] = selected[i];
            }
            Volatile.Write(ref links[0], kept);
        }
    }

    /// <summary>
    /// The paper's Algorithm 4 over candidates sorted nearest first: keep a candidate only when it is nearer to the base
    /// than to every neighbour kept so far, which spreads links across directions instead of one dense cluster. With
    /// KeepPrunedConnections the discarded candidates fill the remaining slots, nearest first.
    /// </summary>
    private int SelectNeighbours(ReadOnlySpan<float> keys, ReadOnlySpan<int> nodes, int max, Span<int> selected)
    {
        var kept = 0;
        if (nodes.Length <= max && !Options.KeepPrunedConnections)
        {
            // hnswlib's shortcut is only valid without the keep-pruned fill: too few candidates to need pruning.
            nodes.CopyTo(selected);
            return nodes.Length;
        }
        Span<bool> pruned = nodes.Length <= 512 ? stackalloc bool[nodes.Length] : new bool[nodes.Length];
        for (var i = 0; i < nodes.Length && kept < max; i++)
        {
            var row = FloatRow(nodes[i]);
            var good = true;
            for (var j = 0; j < kept; j++)
            {
                if (Distance(row, FloatRow(selected[j])) < keys[i])
                {
                    good = false;
                    break;
                }
            }
            if (good)
            {
                selected[kept++] = nodes[i];
            }
            else
            {
                pruned[i] = true;
            }
        }
        if (Options.KeepPrunedConnections)
        {
            for (var i = 0; i < nodes.Length && kept < max; i++)
            {
                if (pruned[i])
                {
                    selected[kept++] = nodes[i];
                }
            }
        }
        return kept;
    }
}
