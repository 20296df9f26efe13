namespace SearchEngine.Retrieval.Queries;

/// <summary>
/// A bounded least-recently-used cache of text-query embeddings, keyed by pack fingerprint and normalized query text.
/// Popular queries repeat (typed, paged, shared as links), and a text tower call costs far more than a lookup.
/// Thread-safe; one lock around a dictionary + linked list is enough at the rate queries arrive.
/// </summary>
public sealed class QueryEmbeddingCache
{
    private readonly int _capacity;
    private readonly Dictionary<(string Pack, string Text), LinkedListNode<Entry>> _map = new();
    private readonly LinkedList<Entry> _order = new();
    private readonly Lock _gate = new();

    /// <summary>Creates a cache holding at most <paramref name="capacity"/> embeddings.</summary>
    public QueryEmbeddingCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
    }

    /// <summary>Number of cached embeddings.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _map.Count;
            }
        }
    }

    /// <summary>The cached embedding of <paramref name="text"/> for <paramref name="packFingerprint"/>, computing and caching it on a miss.</summary>
    public float[] GetOrAdd(string packFingerprint, string text, Func<string, float[]> embed)
    {
        ArgumentNullException.ThrowIfNull(embed);
        var key = (packFingerprint, Normalize(text));
        lock (_gate)
        {
            if (_map.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                return node.Value.Vector;
            }
        }

        // Embed outside the lock: concurrent misses for one key may both compute, which is harmless and keeps hits fast.
        var vector = embed(key.Item2);
        lock (_gate)
        {
            if (_map.TryGetValue(key, out var existing))
            {
                return existing.Value.Vector;
            }

            _map[key] = _order.AddFirst(new Entry(key, vector));
            if (_map.Count > _capacity)
            {
                var last = _order.Last!;
                _order.RemoveLast();
                _map.Remove(last.Value.Key);
            }
        }

        return vector;
    }

    /// <summary>
    /// Queries that differ only in surrounding or repeated whitespace share one embedding. Case is kept: some tokenizers
    /// (RoBERTa, for CLAP) are case-sensitive, so folding it here would change what the tower sees.
    /// </summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private sealed record Entry((string Pack, string Text) Key, float[] Vector);
}
