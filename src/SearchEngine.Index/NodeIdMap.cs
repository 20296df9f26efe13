namespace SearchEngine.Index;

/// <summary>
/// External id → node, for the index's live nodes: open addressing with linear probing over two flat arrays (12 bytes a
/// slot, at most 3/4 full), a third of what a ConcurrentDictionary spends on per-entry objects at GloVe scale. Readers
/// never lock: a slot's key is written before its node is published, a slot never changes key, and growing publishes a
/// new table while readers finish on the old, frozen one. Writers take one lock (an O(1) step beside an insert's graph
/// work). A removed id leaves a tombstone, reused when the id comes back and dropped when the table is rebuilt.
/// </summary>
internal sealed class NodeIdMap
{
    private const int Empty = -1;
    private const int Removed = -2;
    private readonly Lock _write = new();
    private Table _table = new(16);
    private int _count;
    private int _used;

    /// <summary>Live ids.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The node of <paramref name="id"/>, when the id is live.</summary>
    public bool TryGetValue(long id, out int node)
    {
        var table = Volatile.Read(ref _table);
        var mask = table.Keys.Length - 1;
        for (var i = Slot(id, mask); ; i = (i + 1) & mask)
        {
            var value = Volatile.Read(ref table.Nodes[i]);
            if (value == Empty)
            {
                node = -1;
                return false;
            }
            if (table.Keys[i] == id)
            {
                node = value;
                return value >= 0;
            }
        }
    }

    /// <summary>True when <paramref name="id"/> is live.</summary>
    public bool ContainsKey(long id) => TryGetValue(id, out _);

    /// <summary>Maps <paramref name="id"/> to <paramref name="node"/>, replacing any previous node.</summary>
    public void Set(long id, int node)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(node);
        lock (_write)
        {
            var i = Find(_table, id);
            if (_table.Nodes[i] == Empty && (_used + 1) * 4L > _table.Keys.Length * 3L)
            {
                Rebuild();
                i = Find(_table, id);
            }
            var table = _table;
            var previous = table.Nodes[i];
            if (previous == Empty)
            {
                table.Keys[i] = id;
                _used++;
            }
            if (previous < 0)
            {
                _count++;
            }
            Volatile.Write(ref table.Nodes[i], node);
        }
    }

    /// <summary>Removes <paramref name="id"/>; returns the node it had, when it was live.</summary>
    public bool TryRemove(long id, out int node)
    {
        lock (_write)
        {
            var table = _table;
            var i = Find(table, id);
            node = table.Nodes[i];
            if (node < 0)
            {
                return false;
            }
            Volatile.Write(ref table.Nodes[i], Removed);
            _count--;
            return true;
        }
    }

    /// <summary>The slot holding <paramref name="id"/>, or the empty slot where it would go.</summary>
    private static int Find(Table table, long id)
    {
        var mask = table.Keys.Length - 1;
        var i = Slot(id, mask);
        while (table.Nodes[i] != Empty && table.Keys[i] != id)
        {
            i = (i + 1) & mask;
        }
        return i;
    }

    /// <summary>Copies the live entries into a table sized for twice their count and publishes it.</summary>
    private void Rebuild()
    {
        var old = _table;
        var capacity = 16;
        while (capacity < (_count + 1) * 2)
        {
            capacity <<= 1;
        }
        var fresh = new Table(capacity);
        for (var i = 0; i < old.Keys.Length; i++)
        {
            if (old.Nodes[i] >= 0)
            {
                var slot = Find(fresh, old.Keys[i]);
                fresh.Keys[slot] = old.Keys[i];
                fresh.Nodes[slot] = old.Nodes[i];
            }
        }
        _used = _count;
        Volatile.Write(ref _table, fresh);
    }

    /// <summary>Fibonacci hashing, so sequential ids (the common case) spread over the table.</summary>
    private static int Slot(long id, int mask)
    {
        var h = (ulong)id * 0x9E3779B97F4A7C15UL;
        return (int)(h ^ (h >> 32)) & mask;
    }

    /// <summary>One generation of slots; frozen once a rebuild replaces it.</summary>
    private sealed class Table
    {
        public Table(int capacity)
        {
            Keys = new long[capacity];
            Nodes = new int[capacity];
            Array.Fill(Nodes, Empty);
        }

        public long[] Keys { get; }

        public int[] Nodes { get; }
    }
}
