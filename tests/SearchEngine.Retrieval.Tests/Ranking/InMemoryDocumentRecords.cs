using SearchEngine.Retrieval.Documents;
using SearchEngine.Storage.Documents;
using SearchEngine.Storage.Enrichment;
using SearchEngine.Storage.Filtering;

namespace SearchEngine.Retrieval.Tests.Ranking;

/// <summary>
/// Document records held in memory, so the ranking runs without PostgreSQL; it remembers what it was asked, so a test
/// can tell which reads a search made.
/// </summary>
internal sealed class InMemoryDocumentRecords(IEnumerable<DocumentInfo> documents) : IDocumentRecords
{
    private readonly Dictionary<long, DocumentInfo> _documents = documents.ToDictionary(d => d.Id);

    /// <summary>The segments any filter other than the modality lets through.</summary>
    public HashSet<long> AllowedSegments { get; init; } = [];

    /// <summary>The ids of each <see cref="GetManyAsync"/> call, in order.</summary>
    public List<long[]> PageReads { get; } = [];

    /// <summary>How often an allow-list was read.</summary>
    public int AllowListReads { get; private set; }

    public Task<IReadOnlyDictionary<long, DocumentInfo>> GetManyAsync(IReadOnlyCollection<long> documentIds, CancellationToken cancellationToken = default)
    {
        PageReads.Add([.. documentIds]);
        IReadOnlyDictionary<long, DocumentInfo> found = documentIds.Where(_documents.ContainsKey).ToDictionary(id => id, id => _documents[id]);
        return Task.FromResult(found);
    }

    /// <summary>Stored texts of OCR segments, by segment id.</summary>
    public Dictionary<long, StoredText> Texts { get; init; } = [];

    public Task<IReadOnlyDictionary<long, StoredText>> TextsAsync(IReadOnlyCollection<long> segmentIds, CancellationToken cancellationToken = default)
    {
        IReadOnlyDictionary<long, StoredText> found = segmentIds.Where(Texts.ContainsKey).ToDictionary(id => id, id => Texts[id]);
        return Task.FromResult(found);
    }

    public Task<HashSet<long>> AllowedSegmentIdsAsync(long collectionId, DocumentFilter filter, CancellationToken cancellationToken = default)
    {
        AllowListReads++;
        return Task.FromResult(new HashSet<long>(AllowedSegments));
    }
}
