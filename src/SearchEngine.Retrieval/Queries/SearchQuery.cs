using SearchEngine.Core;

namespace SearchEngine.Retrieval.Queries;

/// <summary>
/// One search request, whatever its direction: a text, an example file, a document ("more like this"), or a text
/// together with a file. At least one of <see cref="Text"/>, <see cref="File"/> and <see cref="DocumentId"/> is set.
/// </summary>
public sealed record SearchQuery
{
    /// <summary>The collection to search.</summary>
    public required string Collection { get; init; }

    /// <summary>Query text.</summary>
    public string? Text { get; init; }

    /// <summary>An uploaded example (image, audio, or video whose sound track is used), stored in a temporary file.</summary>
    public string? FilePath { get; init; }

    /// <summary>The uploaded file's name, for messages.</summary>
    public string? FileName { get; init; }

    /// <summary>Search for documents like this one.</summary>
    public long? DocumentId { get; init; }

    /// <summary>Only return documents of this modality.</summary>
    public Modality? Modality { get; init; }

    /// <summary>Number of documents to return.</summary>
    public int K { get; init; } = 10;

    /// <summary>The filter JSON (see Storage's DocumentFilter); null for none.</summary>
    public string? Filter { get; init; }

    /// <summary>Run the rerank stage (exact rescoring, hybrid fusion, diversity). On by default.</summary>
    public bool Rerank { get; init; } = true;

    /// <summary>MMR diversity in [0, 1]; 0 keeps the relevance order.</summary>
    public double Diversity { get; init; }

    /// <summary>Fuse a BM25 ranking of the candidates' titles and captions when the query has text (part of rerank).</summary>
    public bool Hybrid { get; init; } = true;

    /// <summary>The HNSW ef for this query; null uses the service default.</summary>
    public int? Ef { get; init; }

    /// <summary>
    /// Drop hits whose estimated relevance (see the pack's calibration) is below this, in [0, 1]; null keeps every hit.
    /// Only collections whose pack is calibrated can take it.
    /// </summary>
    public double? MinRelevance { get; init; }

    /// <summary>
    /// Search with this region of the example image rather than the whole of it; null for the whole. With
    /// <see cref="DocumentId"/>, <see cref="FilePath"/> is that document's own file (the caller resolves it, checked as
    /// the media it serves), its region is the query, and the document itself is left out of the results as in
    /// "more like this".
    /// </summary>
    public CropBox? Crop { get; init; }

    /// <summary>
    /// Documents already returned on earlier pages of this same query (cursor paging), in the order they were returned.
    /// The ranking is made over k + their count results and they are left out, so the page holds the next k: no
    /// duplicates, and nothing ranked above the page's last hit is skipped. Empty for a first page.
    /// </summary>
    public IReadOnlyList<long> Shown { get; init; } = [];

    /// <summary>Shorthand for whether the query carries an example file.</summary>
    public bool HasFile => FilePath is not null;
}
