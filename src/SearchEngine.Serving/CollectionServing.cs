using System.Collections.Concurrent;
using SearchEngine.Collections;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Storage.Collections;

namespace SearchEngine.Serving;

/// <summary>
/// Serves collections: the record from PostgreSQL, the index opened once per collection (loaded from its file and
/// caught up, or rebuilt from PostgreSQL) with its catalogue, and the towers of the pack the collection is bound to,
/// checked against the binding's fingerprint. A collection that opened is remembered by name, so a query does not read
/// its record again; <see cref="IndexCatchUpService"/> keeps opened indexes current and calls <see cref="RefreshAsync"/>
/// so a dropped, re-created or re-sharded collection is noticed within one catch-up interval.
/// </summary>
public sealed class CollectionServing(CollectionStore collections, CollectionIndexLoader loader, ModelPackRegistry packs) : ICollectionServing
{
    private readonly ConcurrentDictionary<long, Lazy<Task<CollectionIndex>>> _indexes = new();
    private readonly ConcurrentDictionary<string, ServedCollection> _served = new(StringComparer.Ordinal);

    /// <summary>
    /// The serving copies opened so far: what <see cref="IndexCatchUpService"/> keeps current, and what a readiness
    /// probe or a test inspects to see how far each copy has caught up.
    /// </summary>
    public IEnumerable<CollectionIndex> Opened =>
        _indexes.Values.Where(l => l.IsValueCreated && l.Value.IsCompletedSuccessfully).Select(l => l.Value.Result);

    /// <inheritdoc />
    public IReadOnlyCollection<ServedCollection> Served => [.. _served.Values];

    /// <inheritdoc />
    public async ValueTask<ServedCollection> OpenAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_served.TryGetValue(name, out var served))
        {
            return served;
        }

        // Failures (no such collection, a pack that does not match) are not remembered: the next query looks again.
        var info = await collections.GetByNameAsync(name, cancellationToken) ?? throw new CollectionNotFoundException(name);
        var pack = packs.Get(info.PackId);
        pack.EnsureMatches(info);
        var index = await IndexOfAsync(info, cancellationToken);
        served = new ServedCollection(info, index.Index, index.Catalogue!, pack.Text, pack.Image, pack.Audio, pack.Calibration, index.Fingerprints);
        _served[name] = served;
        return served;
    }

    /// <summary>
    /// Opens collection <paramref name="name"/> if it is not yet, applies every change committed so far to its serving copy
    /// (as <see cref="IndexCatchUpService"/> does every interval) and returns the copy's change-log sequence: a writer in
    /// this process calls it after its commit, so what it acknowledges is searchable at once instead of within an interval.
    /// </summary>
    /// <exception cref="CollectionNotFoundException">No collection has that name.</exception>
    public async Task<long> CatchUpAsync(string name, CancellationToken cancellationToken = default)
    {
        var served = await OpenAsync(name, cancellationToken);
        var index = await IndexOfAsync(served.Info, cancellationToken);
        await index.CatchUpAsync(cancellationToken);
        return index.Index.LastSequence;
    }

    /// <summary>
    /// Forgets remembered collections whose name no longer names the same collection (dropped or re-created) or whose
    /// shard count changed: the remembered record decides whether queries fan out to the shards, so a re-sharded
    /// collection is opened again with its new record (its index, kept by id, is not reloaded).
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (_served.IsEmpty)
        {
            return;
        }

        var current = (await collections.ListAsync(cancellationToken)).ToDictionary(c => c.Name, StringComparer.Ordinal);
        foreach (var (name, served) in _served)
        {
            if (!current.TryGetValue(name, out var info) || info.Id != served.Info.Id || info.ShardCount != served.Info.ShardCount)
            {
                _served.TryRemove(new KeyValuePair<string, ServedCollection>(name, served));
            }
        }
    }

    /// <summary>
    /// Replaces <paramref name="stale"/> with a copy opened afresh (loaded from its file if that is still current, else
    /// rebuilt from PostgreSQL): used when the change log was pruned past the copy, which replaying can no longer bring
    /// up to date. Queries switch to the new copy as soon as it is open.
    /// </summary>
    public async Task ReopenAsync(CollectionIndex stale, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stale);
        foreach (var (key, lazy) in _indexes)
        {
            if (key == stale.Collection.Id && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully && ReferenceEquals(lazy.Value.Result, stale))
            {
                _indexes.TryRemove(new KeyValuePair<long, Lazy<Task<CollectionIndex>>>(key, lazy));
            }
        }

        await IndexOfAsync(stale.Collection, cancellationToken);
        foreach (var (name, served) in _served)
        {
            if (served.Info.Id == stale.Collection.Id)
            {
                _served.TryRemove(new KeyValuePair<string, ServedCollection>(name, served));
            }
        }

        // Searches that took the stale copy a moment ago may still be walking it; free it once they are surely done.
        _ = Task.Delay(RetiredCopyGrace, CancellationToken.None).ContinueWith(_ => stale.Dispose(), TaskScheduler.Default);
    }

    /// <summary>
    /// Drops collection <paramref name="collection"/> (deleted) from this replica at once: queries naming it are answered
    /// as for any unknown collection, and its copy is freed once the searches still walking it are surely done, instead
    /// of being kept until the next <see cref="RefreshAsync"/> notices.
    /// </summary>
    public void Forget(Core.CollectionInfo collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        foreach (var (name, served) in _served)
        {
            if (served.Info.Id == collection.Id)
            {
                _served.TryRemove(new KeyValuePair<string, ServedCollection>(name, served));
            }
        }

        if (_indexes.TryRemove(collection.Id, out var lazy) && lazy.IsValueCreated)
        {
            _ = lazy.Value.ContinueWith(
                opened => Task.Delay(RetiredCopyGrace, CancellationToken.None).ContinueWith(_ => opened.Result.Dispose(), TaskScheduler.Default),
                CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        }
    }

    /// <summary>How long a replaced copy stays allocated for the searches still running on it.</summary>
    private static readonly TimeSpan RetiredCopyGrace = TimeSpan.FromMinutes(1);

    /// <summary>Opens every collection's index (start-up warm-up, so the first query does not pay for it).</summary>
    public async Task OpenAllAsync(CancellationToken cancellationToken)
    {
        foreach (var info in await collections.ListAsync(cancellationToken))
        {
            await IndexOfAsync(info, cancellationToken);
        }
    }

    private async Task<CollectionIndex> IndexOfAsync(Core.CollectionInfo info, CancellationToken cancellationToken)
    {
        var lazy = _indexes.GetOrAdd(info.Id, _ => new Lazy<Task<CollectionIndex>>(() => loader.OpenForQueriesAsync(info, CancellationToken.None)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            // A failed open is not cached: the next query tries again (the database may have been down).
            _indexes.TryRemove(new KeyValuePair<long, Lazy<Task<CollectionIndex>>>(info.Id, lazy));
            throw;
        }
    }
}
