using System.Collections.Concurrent;
using SearchEngine.Core;

namespace SearchEngine.Maps;

/// <summary>
/// The maps served, by collection: what the endpoint reads, and the list of collections whose map was asked for, which
/// <see cref="MapRefreshService"/> keeps current. Maps are made on demand: a collection nobody looked at costs nothing.
/// </summary>
public sealed class CollectionMaps(MapFile files) : IDisposable
{
    private readonly ConcurrentDictionary<long, MapEntry> _entries = new();
    private readonly SemaphoreSlim _asked = new(0);

    /// <summary>
    /// The current map of <paramref name="collection"/>, or null while its first layout is being computed. The first
    /// call for a collection reads its cached file (when one matches the collection's pack) and wakes the refresh.
    /// </summary>
    public async ValueTask<CollectionMap?> GetAsync(CollectionInfo collection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collection);
        var key = collection.Id;
        if (_entries.TryGetValue(key, out var entry) && entry.Collection == collection)
        {
            return entry.Map;
        }

        var cached = await files.ReadAsync(collection, cancellationToken);
        entry = _entries.AddOrUpdate(key, _ => new MapEntry(collection, cached), (_, existing) =>
            existing.Collection == collection ? existing : new MapEntry(collection, cached));
        _asked.Release();
        return entry.Map;
    }

    /// <summary>The collections whose map was asked for.</summary>
    internal IReadOnlyList<MapEntry> Entries => [.. _entries.Values];

    /// <summary>Waits until a new collection is asked for or <paramref name="timeout"/> passes.</summary>
    internal Task WaitForRequestAsync(TimeSpan timeout, CancellationToken cancellationToken) => _asked.WaitAsync(timeout, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _asked.Dispose();

    /// <summary>One collection's map; <see cref="Map"/> is swapped whole by the refresh.</summary>
    internal sealed class MapEntry(CollectionInfo collection, CollectionMap? map)
    {
        private volatile CollectionMap? _map = map;

        public CollectionInfo Collection { get; } = collection;

        public CollectionMap? Map
        {
            get => _map;
            set => _map = value;
        }
    }
}
