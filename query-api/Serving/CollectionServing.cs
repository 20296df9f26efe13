using System.Collections.Concurrent;
using SearchEngine.Collections;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Retrieval.Serving;
using SearchEngine.Storage.Collections;

namespace SearchEngine.QueryApi.Serving;

/// <summary>
/// Serves collections: the record from PostgreSQL, the index opened once per collection (loaded from its file and
/// caught up, or rebuilt from PostgreSQL), and the towers of the pack the collection is bound to, checked against the
/// binding's fingerprint. <see cref="IndexCatchUpService"/> keeps opened indexes current.
/// </summary>
public sealed class CollectionServing(CollectionStore collections, CollectionIndexLoader loader, ModelPackRegistry packs) : ICollectionServing
{
    private readonly ConcurrentDictionary<long, Lazy<Task<CollectionIndex>>> _indexes = new();

    /// <summary>The indexes opened so far.</summary>
    public IEnumerable<CollectionIndex> Opened =>
        _indexes.Values.Where(l => l.IsValueCreated && l.Value.IsCompletedSuccessfully).Select(l => l.Value.Result);

    /// <inheritdoc />
    public async ValueTask<ServedCollection> OpenAsync(string name, CancellationToken cancellationToken = default)
    {
        var info = await collections.GetByNameAsync(name, cancellationToken) ?? throw new CollectionNotFoundException(name);
        var pack = packs.Get(info.PackId);
        pack.EnsureMatches(info);
        var index = await IndexOfAsync(info, cancellationToken);
        return new ServedCollection(info, index.Index, pack.Text, pack.Image, pack.Audio);
    }

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
        var lazy = _indexes.GetOrAdd(info.Id, _ => new Lazy<Task<CollectionIndex>>(() => loader.OpenAsync(info, CancellationToken.None)));
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
