namespace SearchEngine.Retrieval.Filtering;

/// <summary>
/// Recent filter allow-lists (the segment ids a filter lets through) per collection, valid while the collection's index
/// has not changed. Queries from one page share a filter (a modality tab, a date range), and computing the list is a
/// PostgreSQL round trip over the whole collection, far slower than the graph search it feeds.
/// </summary>
public sealed class AllowListCache(int capacity)
{
    private readonly Dictionary<(long Collection, string Filter), (long Sequence, HashSet<long> Ids)> _entries = new();
    private readonly Queue<(long, string)> _order = new();
    private readonly Lock _gate = new();

    /// <summary>The cached allow-list for the filter at <paramref name="sequence"/>, or computes and caches it.</summary>
    public async Task<HashSet<long>> GetOrAddAsync(long collectionId, string filterKey, long sequence, Func<Task<HashSet<long>>> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        var key = (collectionId, filterKey);
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var entry) && entry.Sequence == sequence)
            {
                return entry.Ids;
            }
        }

        var ids = await compute();
        lock (_gate)
        {
            if (!_entries.ContainsKey(key))
            {
                _order.Enqueue(key);
            }

            _entries[key] = (sequence, ids);
            while (_entries.Count > capacity && _order.TryDequeue(out var oldest))
            {
                _entries.Remove(oldest);
            }
        }

        return ids;
    }
}
