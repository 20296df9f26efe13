namespace SearchEngine.Retrieval;

/// <summary>Settings of the query pipeline (configuration section <c>Retrieval</c>).</summary>
public sealed class RetrievalOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Retrieval";

    /// <summary>Largest k a client may ask for.</summary>
    public int MaxK { get; set; } = 100;

    /// <summary>Candidates taken from the index: max(<see cref="MinCandidates"/>, <see cref="CandidatesPerResult"/>·k).</summary>
    public int MinCandidates { get; set; } = 100;

    /// <summary>See <see cref="MinCandidates"/>.</summary>
    public int CandidatesPerResult { get; set; } = 10;

    /// <summary>HNSW ef used when a query does not set one; at least the candidate count.</summary>
    public int DefaultEf { get; set; } = 200;

    /// <summary>
    /// Weight of the BM25 text ranking in reciprocal rank fusion (0 turns hybrid off). Chosen on the Flickr8k dev split
    /// only (deploy/bench.sh query prints the table it was chosen from): on 2,000 dev caption queries 8 gave R@1 17.4 → 35.6
    /// and R@10 48.6 → 67.8 against rerank off; 16 was within one query of it on the mean of R@1/R@5/R@10 and lower on
    /// R@10, so the smaller weight was kept.
    /// </summary>
    public double HybridTextWeight { get; set; } = 8;

    /// <summary>Text-query embeddings kept in the LRU cache.</summary>
    public int QueryCacheSize { get; set; } = 4096;

    /// <summary>Allow-lists of recent filters kept per collection, reused while the collection does not change.</summary>
    public int FilterCacheSize { get; set; } = 64;
}
