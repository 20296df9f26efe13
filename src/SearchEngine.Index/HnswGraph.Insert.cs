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
                var count = WithoutSelf(node, scratch, scratch.DrainResults());
                if (count == 0)
                {
                    continue;
                }
                current = scratch.SortedNodes[0];
                distance = scratch.SortedKeys[0];
                var kept = SelectNeighbours(scratch.SortedKeys.AsSpan(0, count), scratch.SortedNodes.AsSpan(0, count), M, selected);
                var maxLinks = layer == 0 ? M0 : M;
                PublishOwnLinks(node, layer, selected[..kept], maxLinks);
                for (var i = 0; i < kept; i++)
                {
                    AddBackLink(selected[i], node, layer, maxLinks);
                }
            }
        }
        finally
        {
            Scratch.Return(scratch);
        }
    }

    /// <summary>
    /// Drops <paramref name="node"/> from its own candidate list. A concurrent insert can link to a node still being
    /// inserted (it found it through the node's upper-layer back-links), so the node's layer search may reach itself.
    /// </summary>
    private static int WithoutSelf(int node, SearchScratch scratch, int count)
    {
        var kept = 0;
        for (var i = 0; i < count; i++)
        {
            if (scratch.SortedNodes[i] != node)
            {
                scratch.SortedNodes[kept] = scratch.SortedNodes[i];
                scratch.SortedKeys[kept++] = scratch.SortedKeys[i];
            }
        }
        return kept;
    }

    /// <summary>
    /// Writes the links chosen for a new node on <paramref name="layer"/>. Concurrent inserts may already have added
    /// back-links to it (they reach it through its upper layers before its own lower-layer lists are written); those are
    /// merged in, re-pruned by the heuristic only when the union overflows, instead of being overwritten: an overwritten
    /// back-link can be the only way into the node that added it.
    /// </summary>
    private void PublishOwnLinks(int node, int layer, ReadOnlySpan<int> chosen, int maxLinks)
    {
        lock (NodeLock(node))
        {
            var own = Links(node, layer);
            var existing = own[0];
            if (existing == 0)
            {
                chosen.CopyTo(new Span<int>(own + 1, chosen.Length));
                Volatile.Write(ref own[0], chosen.Length);
                return;
            }
            Span<int> nodes = stackalloc int[maxLinks + chosen.Length];
            var n = existing;
            new ReadOnlySpan<int>(own + 1, existing).CopyTo(nodes);
            foreach (var c in chosen)
            {
                if (!nodes[..n].Contains(c))
                {
                    nodes[n++] = c;
                }
            }
            if (n <= maxLinks)
            {
                nodes[..n].CopyTo(new Span<int>(own + 1, n));
                Volatile.Write(ref own[0], n);
                return;
            }
            Prune(node, own, nodes[..n], maxLinks);
        }
    }

    /// <summary>Adds <paramref name="node"/> to <paramref name="neighbour"/>'s list, pruning it by the heuristic when full.</summary>
    private void AddBackLink(int neighbour, int node, int layer, int maxLinks)
    {
        lock (NodeLock(neighbour))
        {
            var links = Links(neighbour, layer);
            var n = links[0];
            if (new ReadOnlySpan<int>(links + 1, n).Contains(node))
            {
                // The neighbour linked to the node itself while both were being inserted.
                return;
            }
            if (n < maxLinks)
            {
                links[1 + n] = node;
                Volatile.Write(ref links[0], n + 1);
                return;
            }
            Span<int> nodes = stackalloc int[maxLinks + 1];
            new ReadOnlySpan<int>(links + 1, n).CopyTo(nodes);
            nodes[n] = node;
            Prune(neighbour, links, nodes[..(n + 1)], maxLinks);
        }
    }

    /// <summary>
    /// Replaces the link list at <paramref name="links"/> of <paramref name="origin"/> by the heuristic's choice among
    /// <paramref name="candidates"/> (which it reorders). The caller holds the origin's node lock.
    /// </summary>
    private void Prune(int origin, int* links, Span<int> candidates, int maxLinks)
    {
        var row = FloatRow(origin);
        Span<float> keys = stackalloc float[candidates.Length];
        for (var i = 0; i < candidates.Length; i++)
        {
            keys[i] = Distance(row, FloatRow(candidates[i]));
        }
        keys.Sort(candidates);
        Span<int> selected = stackalloc int[maxLinks];
        var kept = SelectNeighbours(keys, candidates, maxLinks, selected);
        for (var i = 0; i < kept; i++)
        {
            links[1 + i] = selected[i];
        }
        Volatile.Write(ref links[0], kept);
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
