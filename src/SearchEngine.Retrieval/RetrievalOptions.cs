using SearchEngine.Storage.Filtering;

namespace SearchEngine.Retrieval;

/// <summary>Settings of the query pipeline (configuration section <c>Retrieval</c>).</summary>
public sealed class RetrievalOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Retrieval";

    /// <summary>Largest k a client may ask for.</summary>
    public int MaxK { get; set; } = 100;

    /// <summary>
    /// Longest query text, in characters. The sentence encoder reads at most 256 word pieces of it anyway, but BM25
    /// terms, the query cache and the response's echo would grow with it; a longer text is refused, not cut silently.
    /// </summary>
    public int MaxQueryCharacters { get; set; } = 2000;

    /// <summary>Candidates taken from the index: max(<see cref="MinCandidates"/>, <see cref="CandidatesPerResult"/>·k).</summary>
    public int MinCandidates { get; set; } = 100;

    /// <summary>See <see cref="MinCandidates"/>.</summary>
    public int CandidatesPerResult { get; set; } = 10;

    /// <summary>HNSW ef used when a query does not set one; at least the candidate count.</summary>
    public int DefaultEf { get; set; } = 200;

    /// <summary>
    /// Weight of the BM25 text ranking in reciprocal rank fusion (0 turns hybrid off). Chosen on the Flickr8k dev split
    /// only, for the default pack (deploy/bench.sh query prints the table it was chosen from and the weight it would
    /// choose): with the heads-v2 pack, 1 gave R@1 37.3 → 41.0 and R@10 74.6 → 77.0 on 2,000 dev caption queries against
    /// rerank off, the best mean of R@1/R@5/R@10 of the grid 0.25–16; weights of 4 and more cost R@10. A pack with
    /// weaker text–image vectors wants more (8 was chosen for the first offline pack), so re-tune when the pack changes.
    /// </summary>
    public double HybridTextWeight { get; set; } = 1;

    /// <summary>
    /// Bytes of query embeddings kept in the LRU cache (default 16 MiB: about 7,000 embeddings of 512 floats). Bounded in
    /// bytes, not entries, so that a pack with wider vectors cannot grow it past what was planned for.
    /// </summary>
    public long QueryCacheBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>
    /// Most text queries embedded in one tower run when queries arrive together (<see cref="Queries.TextQueryBatcher"/>;
    /// 1 embeds each alone). Only towers whose vectors do not depend on the batch are batched, so results never change.
    /// 8: with eight queries in flight on two cores, all-MiniLM-L6-v2 took less CPU per caption at 8 than at 4 (docs/query-latency.md).
    /// </summary>
    public int MaxTextBatch { get; set; } = 8;

    /// <summary>
    /// Short side, in pixels, that the region of a cropped query image is decoded at (as Media:ImageShortSide is for a
    /// whole image): the image is decoded at this divided by the region's share of it.
    /// </summary>
    public int CropDecodeShortSide { get; set; } = 256;

    /// <summary>
    /// Largest short side a cropped query image is decoded at (default 4096), whatever the region's size, so that a
    /// tiny box does not ask for an enormous decode; Media:MaxImagePixels still applies.
    /// </summary>
    public int CropDecodeShortSideLimit { get; set; } = 4096;

    /// <summary>
    /// Deepest a query may be paged with cursors (default 1000 results): page n is ranked over all the results before
    /// it, so its cost grows with the depth, and this bounds it.
    /// </summary>
    public int MaxPagingDepth { get; set; } = 1000;

    /// <summary>Most matched segments a result lists as its moments (their times in an audio or video file).</summary>
    public int MaxMoments { get; set; } = 12;

    /// <summary>Caps on a query's filter (configuration section <c>Retrieval:FilterLimits</c>).</summary>
    public FilterLimits FilterLimits { get; set; } = new();

    /// <summary>Allow-lists of recent filters kept per collection, reused while the collection does not change.</summary>
    public int FilterCacheSize { get; set; } = 64;
}
