using SearchEngine.Core;
using SearchEngine.Retrieval;
using SearchEngine.Retrieval.Queries;

namespace SearchEngine.QueryApi.Contracts;

/// <summary>Maps pipeline results onto the HTTP contract.</summary>
public static class ResponseMapping
{
    /// <summary>The response body for <paramref name="result"/> of <paramref name="query"/>.</summary>
    public static SearchResponse ToResponse(this SearchResult result, SearchQuery query) => new(
        new QueryEcho(result.Collection, query.Text, query.FileName, query.DocumentId, query.Modality?.ToName(), query.K, query.Rerank, query.Diversity, query.Filter, result.Candidates),
        Math.Round(result.Elapsed.TotalMilliseconds, 2),
        result.Hits.Select(h => new SearchResultItem(
            h.Document.Id,
            h.Document.Uri,
            h.Document.Modality.ToName(),
            h.Hit.Similarity,
            h.Hit.FusedScore,
            h.Rank,
            h.Hit.BestSegment.Kind is SegmentKind.Whole ? null : new SegmentMatch(h.Hit.BestSegment.Kind.ToName(), h.Hit.BestSegment.Start, h.Hit.BestSegment.End),
            h.Document.DurationSeconds,
            h.Document.Title,
            h.Document.Caption,
            h.Document.Metadata,
            $"/api/documents/{h.Document.Id}/thumbnail",
            $"/api/documents/{h.Document.Id}/media")).ToList());
}
