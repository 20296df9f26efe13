using SearchEngine.Storage.Documents;
using SearchEngine.Storage.Enrichment;
using SearchEngine.Storage.Filtering;

namespace SearchEngine.Retrieval.Documents;

/// <summary>The document records as PostgreSQL holds them, read through the storage layer's existing queries.</summary>
public sealed class PostgresDocumentRecords(DocumentStore documents, DocumentFilterQuery filters, EnrichmentStore enrichments) : IDocumentRecords
{
    /// <inheritdoc />
    public Task<IReadOnlyDictionary<long, DocumentInfo>> GetManyAsync(IReadOnlyCollection<long> documentIds, CancellationToken cancellationToken = default) =>
        documents.GetManyAsync(documentIds, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<long, StoredText>> TextsAsync(IReadOnlyCollection<long> segmentIds, CancellationToken cancellationToken = default) =>
        enrichments.TextsAsync(segmentIds, cancellationToken);

    /// <inheritdoc />
    public Task<HashSet<long>> AllowedSegmentIdsAsync(long collectionId, DocumentFilter filter, CancellationToken cancellationToken = default) =>
        filters.AllowedSegmentIdsAsync(collectionId, filter, cancellationToken);
}
