using System.Diagnostics;
using System.Numerics.Tensors;
using Microsoft.Extensions.Options;
using SearchEngine.Core.Vectors;
using SearchEngine.Retrieval.Filtering;
using SearchEngine.Retrieval.Queries;
using SearchEngine.Retrieval.Ranking;
using SearchEngine.Retrieval.Serving;
using SearchEngine.Storage.Documents;
using SearchEngine.Storage.Filtering;
using SearchEngine.Storage.Search;
using SearchEngine.Storage.Segments;

namespace SearchEngine.Retrieval;

/// <summary>
/// The query pipeline: encode the query with the collection's pack; take k' = max(100, 10·k) candidate segments from
/// the HNSW index, filtered during the graph search; then, when rerank is on, rescore them exactly against the
/// full-precision vectors in PostgreSQL, aggregate segments to documents (max), fuse full-text ranks over captions and
/// titles (reciprocal rank fusion) and diversify (MMR). Scores returned are cosine similarities.
/// </summary>
public sealed class SearchService(
    ICollectionServing collections,
    QueryEncoder encoder,
    SegmentStore segments,
    DocumentStore documents,
    FullTextSearch fullText,
    DocumentFilterQuery filters,
    AllowListCache allowLists,
    IOptions<RetrievalOptions> options)
{
    private readonly RetrievalOptions _options = options.Value;

    /// <summary>Answers <paramref name="query"/>.</summary>
    /// <exception cref="QueryException">A parameter is invalid, or the pack cannot take this kind of query.</exception>
    /// <exception cref="CollectionNotFoundException">The collection does not exist.</exception>
    public async Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var started = Stopwatch.GetTimestamp();
        Validate(query);
        var filter = QueryFilter.From(query);
        var served = await collections.OpenAsync(query.Collection, cancellationToken);
        var vector = await encoder.EncodeAsync(served, query, cancellationToken);

        var candidateCount = Math.Max(_options.MinCandidates, _options.CandidatesPerResult * query.K);
        var searchOptions = await SearchOptionsAsync(served, filter, Math.Max(query.Ef ?? _options.DefaultEf, candidateCount), cancellationToken);
        var candidates = served.Index.Search(vector, candidateCount, searchOptions);
        if (candidates.Count == 0)
        {
            return new SearchResult(served.Info.Name, [], 0, Stopwatch.GetElapsedTime(started));
        }

        var ids = candidates.Select(c => c.Id).ToArray();
        var locations = await documents.GetSegmentLocationsAsync(ids, cancellationToken);
        IReadOnlyDictionary<long, float[]>? exact = query.Rerank ? await segments.ReadVectorsAsync(ids, cancellationToken) : null;

        var segmentHits = new List<SegmentHit>(candidates.Count);
        foreach (var candidate in candidates)
        {
            if (!locations.TryGetValue(candidate.Id, out var location))
            {
                continue; // deleted after the index saw it; the change log removes it from the index shortly
            }

            var similarity = exact is not null && exact.TryGetValue(candidate.Id, out var stored)
                ? TensorPrimitives.Dot(vector, stored)
                : candidate.Similarity;
            segmentHits.Add(new SegmentHit(candidate.Id, location.DocumentId, location.Kind, location.Start, location.End, similarity));
        }

        var ranked = DocumentAggregation.MaxPerDocument(segmentHits);
        if (query.DocumentId is long self)
        {
            ranked.RemoveAll(h => h.DocumentId == self);
        }

        if (query.Rerank)
        {
            ranked = await FuseFullTextAsync(served, query, ranked, cancellationToken);
            if (query.Diversity > 0 && exact is not null)
            {
                ranked = MaximalMarginalRelevance.Select(ranked, h => exact[h.BestSegment.SegmentId], query.Diversity, query.K);
            }
        }

        var page = ranked.Take(query.K).ToList();
        var records = await documents.GetManyAsync(page.Select(h => h.DocumentId).ToArray(), cancellationToken);
        var hits = new List<RankedDocument>(page.Count);
        foreach (var hit in page)
        {
            if (records.TryGetValue(hit.DocumentId, out var record))
            {
                hits.Add(new RankedDocument(hits.Count + 1, hit, record));
            }
        }

        return new SearchResult(served.Info.Name, hits, candidates.Count, Stopwatch.GetElapsedTime(started));
    }

    private void Validate(SearchQuery query)
    {
        if (string.IsNullOrWhiteSpace(query.Collection))
        {
            throw new QueryException("collection", "collection is required: the name of the collection to search (GET /api/collections lists them).");
        }

        if (query.K < 1 || query.K > _options.MaxK)
        {
            throw new QueryException("k", $"k must be between 1 and {_options.MaxK}; it was {query.K}.");
        }

        if (query.Diversity is < 0 or > 1 || double.IsNaN(query.Diversity))
        {
            throw new QueryException("diversity", $"diversity must be between 0 and 1; it was {query.Diversity}.");
        }

        if (query.Ef is < 1 or > 10_000)
        {
            throw new QueryException("ef", $"ef must be between 1 and 10000; it was {query.Ef}.");
        }
    }

    private async Task<VectorSearchOptions> SearchOptionsAsync(ServedCollection served, QueryFilter filter, int ef, CancellationToken cancellationToken)
    {
        if (filter.Filter.IsEmpty)
        {
            return new VectorSearchOptions { Ef = ef };
        }

        var allowed = await allowLists.GetOrAddAsync(
            served.Info.Id, filter.Key, served.Index.LastSequence,
            () => filters.AllowedSegmentIdsAsync(served.Info.Id, filter.Filter, cancellationToken));
        return new VectorSearchOptions
        {
            Ef = ef,
            Filter = allowed.Contains,
            FilterSelectivity = allowed.Count / (double)Math.Max(1, served.Index.Count),
        };
    }

    private async Task<List<DocumentHit>> FuseFullTextAsync(ServedCollection served, SearchQuery query, List<DocumentHit> ranked, CancellationToken cancellationToken)
    {
        if (!query.Hybrid || string.IsNullOrWhiteSpace(query.Text) || _options.HybridTextWeight <= 0)
        {
            return ranked;
        }

        var matches = await fullText.SearchAsync(served.Info.Id, query.Text, _options.HybridCandidates, query.Modality, cancellationToken: cancellationToken);
        return matches.Count == 0
            ? ranked
            : ReciprocalRankFusion.Fuse(ranked, matches.Select(m => m.DocumentId).ToList(), _options.HybridTextWeight);
    }
}
