namespace SearchEngine.Serving;

/// <summary>A query named a collection that does not exist.</summary>
public sealed class CollectionNotFoundException : Exception
{
    /// <summary>Creates the error for <paramref name="name"/>.</summary>
    public CollectionNotFoundException(string name)
        : base($"There is no collection named '{name}'. GET /api/collections lists the collections; the indexer creates one on first use (searchengine-indexer index --collection {name} …).")
        => Name = name;

    /// <summary>The name that was asked for.</summary>
    public string Name { get; }
}
