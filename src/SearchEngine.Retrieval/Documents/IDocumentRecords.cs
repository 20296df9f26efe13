using SearchEngine.Storage.Documents;
using SearchEngine.Storage.Enrichment;
using SearchEngine.Storage.Filtering;

namespace SearchEngine.Retrieval.Documents;

/// <summary>
/// The document records <see cref="SearchService"/> reads besides the served collection: the records of the page it
/// returns, and the segments a filter on fields other than the modality lets through. A port, so the ranking can be
/// exercised without a database; <see cref="PostgresDocumentRecords"/> is the one the services register.
/// </summary>
public interface IDocumentRecords
{
    /// <summary>The records of <paramref name="documentIds"/> that exist; a missing id (deleted meanwhile) is left out.</summary>
    Task<IReadOnlyDictionary<long, DocumentInfo>> GetManyAsync(IReadOnlyCollection<long> documentIds, CancellationToken cancellationToken = default);

    /// <summary>The stored text segments (text read in pictures) among <paramref name="segmentIds"/>, with their word boxes.</summary>
    Task<IReadOnlyDictionary<long, StoredText>> TextsAsync(IReadOnlyCollection<long> segmentIds, CancellationToken cancellationToken = default);

    /// <summary>Ids of the collection's segments whose documents pass <paramref name="filter"/>.</summary>
    Task<HashSet<long>> AllowedSegmentIdsAsync(long collectionId, DocumentFilter filter, CancellationToken cancellationToken = default);
}
