namespace SearchEngine.Serving;

/// <summary>
/// Opens collections for querying: finds the collection, loads (or catches up) its index and the towers of the pack it is
/// bound to. The query pipeline depends on this seam, not on how indexes and packs are located.
/// </summary>
public interface ICollectionServing
{
    /// <summary>The collection named <paramref name="name"/>, ready to query.</summary>
    /// <exception cref="CollectionNotFoundException">No collection has that name.</exception>
    /// <exception cref="Core.PackMismatchException">The pack found for the collection is not the one it was built with.</exception>
    ValueTask<ServedCollection> OpenAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>The collections opened so far and still current (for status reports; opening none of the others).</summary>
    IReadOnlyCollection<ServedCollection> Served { get; }
}
