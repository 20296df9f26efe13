namespace SearchEngine.Serving;

/// <summary>
/// How the serving replica keeps its opened collections current (configuration section <c>Serving</c>). Where the
/// index files live and when a copy is compacted stay in <see cref="Collections.CollectionIndexOptions"/>, which the
/// indexer shares.
/// </summary>
public sealed class ServingOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Serving";

    /// <summary>
    /// How often opened indexes apply PostgreSQL's change log (default 2 s): how long a document the indexer committed
    /// may stay unsearchable.
    /// </summary>
    public TimeSpan CatchUpInterval { get; set; } = TimeSpan.FromSeconds(2);
}
